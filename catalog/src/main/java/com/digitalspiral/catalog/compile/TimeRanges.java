package com.digitalspiral.catalog.compile;

import com.digitalspiral.catalog.spec.TimeRange;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/** Resolves a time range to a half-open window of whole UTC days, so a day's repeated questions compile alike. */
public final class TimeRanges {

    private TimeRanges() {}

    /** [from, to) */
    public record Window(Instant from, Instant to) {}

    public static Window resolve(TimeRange range, Instant now) {
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate tomorrow = today.plusDays(1);
        if (range instanceof TimeRange.Absolute a) {
            return window(a.from(), a.to().plusDays(1));
        }
        if (range instanceof TimeRange.Last l) {
            return switch (l.unit()) {
                case DAYS -> window(tomorrow.minusDays(l.count()), tomorrow);
                case WEEKS -> window(tomorrow.minusWeeks(l.count()), tomorrow);
                case MONTHS -> window(tomorrow.minusMonths(l.count()), tomorrow);
                case QUARTERS -> window(tomorrow.minusMonths(3L * l.count()), tomorrow);
            };
        }
        if (range instanceof TimeRange.Period p) {
            return period(p.name(), today);
        }
        throw new IllegalArgumentException(range + " is not a calendar window");
    }

    public static Instant endOfToday(Instant now) {
        return now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static Window period(String name, LocalDate today) {
        LocalDate week = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate month = today.withDayOfMonth(1);
        LocalDate quarter = LocalDate.of(today.getYear(), ((today.getMonthValue() - 1) / 3) * 3 + 1, 1);
        LocalDate year = today.withDayOfYear(1);
        return switch (name) {
            case "this_week" -> window(week, week.plusWeeks(1));
            case "last_week" -> window(week.minusWeeks(1), week);
            case "this_month" -> window(month, month.plusMonths(1));
            case "last_month" -> window(month.minusMonths(1), month);
            case "this_quarter" -> window(quarter, quarter.plusMonths(3));
            case "last_quarter" -> window(quarter.minusMonths(3), quarter);
            case "this_year" -> window(year, year.plusYears(1));
            case "last_year" -> window(year.minusYears(1), year);
            default -> throw new IllegalArgumentException("unknown period " + name);
        };
    }

    private static Window window(LocalDate from, LocalDate to) {
        return new Window(from.atStartOfDay(ZoneOffset.UTC).toInstant(), to.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
