package com.digitalspiral.catalog.spec;

import java.time.LocalDate;

/**
 * The period a query covers, on its metrics' time axis. Absolute ranges name days (both included);
 * relative ones are resolved against the clock at compile time, to whole UTC days, so that the same
 * question asked twice in a day compiles to the same SQL (and can be answered from the cache).
 */
public sealed interface TimeRange {

    /** From the start of {@code from} to the end of {@code to}, UTC. */
    record Absolute(LocalDate from, LocalDate to) implements TimeRange {}

    /** The last {@code count} days, weeks, months or quarters, today included. */
    record Last(int count, Unit unit) implements TimeRange {}

    /** The latest {@code count} sprints (per project) that have started. */
    record LastSprints(int count) implements TimeRange {}

    /** A calendar period relative to today: this/last week, month, quarter or year. */
    record Period(String name) implements TimeRange {}

    enum Unit { DAYS, WEEKS, MONTHS, QUARTERS }
}
