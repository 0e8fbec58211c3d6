package com.digitalspiral.store.demo;

import java.util.List;
import java.util.Map;

/** The Jira workflow the demo data and the simulator follow. */
final class Workflow {

    static final Map<String, String> CATEGORY = Map.of(
            "To Do", "To Do",
            "In Progress", "In Progress",
            "In Review", "In Progress",
            "Blocked", "In Progress",
            "Reopened", "To Do",
            "Done", "Done");

    /** Where an issue in a status may go next. */
    static final Map<String, List<String>> NEXT = Map.of(
            "To Do", List.of("In Progress", "In Progress", "Blocked", "Done"),
            "In Progress", List.of("In Review", "In Review", "Blocked", "Done", "To Do"),
            "In Review", List.of("Done", "Done", "In Progress", "Blocked"),
            "Blocked", List.of("In Progress", "In Progress", "To Do"),
            "Reopened", List.of("In Progress", "In Progress", "Done"),
            "Done", List.of("Reopened"));

    private Workflow() {}

    static String category(String status) {
        return CATEGORY.getOrDefault(status, "To Do");
    }

    static String statusItem(String from, String to) {
        return "{\"field\": \"status\", \"fromString\": \"" + from + "\", \"toString\": \"" + to + "\"}";
    }

    static String flagItem(boolean set) {
        return set
                ? "{\"field\": \"Flagged\", \"fromString\": \"\", \"toString\": \"Impediment\"}"
                : "{\"field\": \"Flagged\", \"fromString\": \"Impediment\", \"toString\": \"\"}";
    }

    static String assigneeItem(String from, String to) {
        return "{\"field\": \"assignee\", \"fromString\": " + quoted(from) + ", \"toString\": " + quoted(to) + "}";
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
