package com.digitalspiral.pipeline.model;

/** The captured Jira tables (shared/spec/jira-schema.md). */
public enum Table {
    PROJECTS, ISSUES, SPRINTS, SPRINT_ISSUES, COMMENTS, CHANGELOGS;

    public static Table of(String name) {
        return switch (name) {
            case "projects" -> PROJECTS;
            case "issues" -> ISSUES;
            case "sprints" -> SPRINTS;
            case "sprint_issues" -> SPRINT_ISSUES;
            case "comments" -> COMMENTS;
            case "changelogs" -> CHANGELOGS;
            default -> null;
        };
    }
}
