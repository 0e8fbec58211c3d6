package com.digitalspiral.pipeline.model;

/** The captured tables: Jira's (shared/spec/jira-schema.md), and the freshness probe's heartbeat (migration V12). */
public enum Table {
    PROJECTS, ISSUES, SPRINTS, SPRINT_ISSUES, COMMENTS, CHANGELOGS, HEARTBEAT;

    public static Table of(String name) {
        return switch (name) {
            case "projects" -> PROJECTS;
            case "issues" -> ISSUES;
            case "sprints" -> SPRINTS;
            case "sprint_issues" -> SPRINT_ISSUES;
            case "comments" -> COMMENTS;
            case "changelogs" -> CHANGELOGS;
            case "pipeline_heartbeat" -> HEARTBEAT;
            default -> null;
        };
    }
}
