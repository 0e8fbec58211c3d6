package com.digitalspiral.store.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** Time helpers for demo data: whole seconds, UTC. */
final class Timestamps {

    private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssX").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    static String sql(Instant t) {
        return SQL.format(t);
    }

    /** Monday 00:00 UTC of the current week: the default anchor, so one week's runs of a seed agree. */
    static Instant thisMonday() {
        return Instant.now().atZone(ZoneOffset.UTC).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static Instant plusHours(Instant t, double hours) {
        return t.plusSeconds(Math.round(hours * 3600)).truncatedTo(ChronoUnit.SECONDS);
    }
}
