package com.digitalspiral.api.translate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Time expressions: "last quarter", "this year", "in the last 3 sprints", "past 30 days", "since March",
 * "since 2026-03-01", "in March 2026", "2026-Q1", "Q1 2026", "between 2026-01-01 and 2026-02-15", "YTD".
 * Each becomes a spec {@code time_range}; calendar words resolve against today (UTC).
 */
final class TimePhrases {

    /** A recognized range: the spec's time_range and how it reads. */
    /** @param grain a time grain the range is read per ("this month vs last month" is per month), or null */
    record Found(ObjectNode range, String wording, boolean inSprints, String grain) {
        Found(ObjectNode range, String wording, boolean inSprints) {
            this(range, wording, inSprints, null);
        }
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
            + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
    private static final String DATE = "(\\d{4}-\\d{2}-\\d{2})";
    private static final Pattern BETWEEN = Pattern.compile("\\b(?:between|from) " + DATE + " (?:and|to|until|-) " + DATE + "\\b");
    private static final Pattern SINCE_DATE = Pattern.compile("\\b(?:since|after|from) " + DATE + "\\b");
    private static final Pattern LAST_N = Pattern.compile(
            "\\b(?:(?:in|during|for|over|within|from|across) )?(?:the |its |their |our |his |her )?(?:last|past|previous|prior|recent|latest) (\\d+) (day|week|month|quarter|year|sprint|iteration)s?\\b");
    // "this sprint" / "the current sprint" are not a time range: they name the active sprints (a state filter)
    private static final Pattern LAST_ONE = Pattern.compile(
            "\\b(?:(?:in|during|for|over|from|of) )?(?:the )?(last|previous|past|prior|this|current|ongoing) (?:calendar )?(week|month|quarter|year)\\b");
    private static final Pattern LAST_SPRINT = Pattern.compile(
            "\\b(?:(?:in|during|for|over|from|of) )?(?:the )?(?:last|previous|past|prior|latest|most recent|recent|just finished|"
            + "just closed|just completed) (?:sprint|iteration)\\b");
    // "over the past month" is a rolling window; a quarter is always the calendar quarter ("for the last quarter")
    private static final Pattern ROLLING_ONE = Pattern.compile(
            "\\b(?:in|during|for|over|within) the (?:last|past) (day|week|month|year|sprint|iteration)\\b");
    /** "this month vs last month": two adjacent calendar periods side by side. */
    private static final Pattern PERIODS_COMPARED = Pattern.compile("\\b(?:(?:in|during|for) )?(this|last|previous) (week|month|quarter|year)"
            + "(?:,)? (?:vs|versus|compared (?:to|with)|against|and|or) (?:the |in |during |for )?(?:the )?(this|last|previous|one before)"
            + "(?: \\2)?\\b");
    private static final Pattern VERSUS_LAST = Pattern.compile("\\b(?:vs|versus|compared (?:to|with)|against) (?:the )?(?:last|previous|prior) "
            + "(week|month|quarter|year)\\b");
    private static final Pattern MONTHS_COMPARED = Pattern.compile("\\b(?:in )?(" + MONTHS + ") (?:vs|versus|and|compared (?:to|with)|against) (?:in )?("
            + MONTHS + ")\\b");
    private static final Pattern HALF_MONTH = Pattern.compile("\\b(?:in )?the (first|second|1st|2nd|last) half of (" + MONTHS + ")(?: (\\d{4}))?\\b");
    private static final Pattern TO_DATE = Pattern.compile("\\b(?:(week|month|quarter|year) to date|(w|m|q|y)td|since the "
            + "(?:start|beginning) of (?:the |this )?(week|month|quarter|year))\\b");
    private static final Pattern QUARTER_ALONE = Pattern.compile("\\b(?:(?:in|during|for) )?q([1-4])\\b");
    private static final Pattern QUARTER = Pattern.compile("\\b(?:(?:in|during|for) )?(?:q([1-4]) (\\d{4})|(\\d{4}) ?-? ?q([1-4]))\\b");
    private static final Pattern SINCE_MONTH = Pattern.compile("\\b(?:since|from) (?:the (?:start|beginning) of )?(" + MONTHS + ")(?: (\\d{4}))?\\b");
    private static final Pattern IN_MONTH = Pattern.compile("\\b(?:in|during|for|of) (?:the month of )?(" + MONTHS + ")(?: (\\d{4}))?\\b");
    private static final Pattern IN_YEAR = Pattern.compile("\\b(?:in|during|for) (\\d{4})\\b");
    private static final Pattern YTD = Pattern.compile("\\b(?:year to date|ytd|so far this year)\\b");
    private static final Pattern TODAY = Pattern.compile("\\b(?:today)\\b");
    private static final Pattern YESTERDAY = Pattern.compile("\\b(?:yesterday)\\b");

    private TimePhrases() {}

    static Found read(Question q, LocalDate today) {
        Question.MatchResultCopy m;
        if ((m = q.takeFirst(PERIODS_COMPARED)) != null && !m.group(1).equals(m.group(3))) {
            String unit = m.group(2);
            LocalDate start = periodStart(unit, today).minus(1, unitOf(unit));
            ObjectNode range = JSON.objectNode().put("from", start.toString()).put("to", today.toString());
            return new Found(range, "this " + unit + " and last " + unit, false, unit);
        }
        if ((m = q.takeFirst(MONTHS_COMPARED)) != null) {
            LocalDate a = monthStart(m.group(1), null, today);
            LocalDate b = monthStart(m.group(2), null, today);
            LocalDate from = a.isBefore(b) ? a : b;
            LocalDate to = (a.isBefore(b) ? b : a).plusMonths(1).minusDays(1);
            return new Found(JSON.objectNode().put("from", from.toString()).put("to", to.toString()),
                    m.group(1) + " and " + m.group(2), false, "month");
        }
        if ((m = q.takeFirst(HALF_MONTH)) != null) {
            LocalDate start = monthStart(m.group(2), m.group(3), today);
            boolean first = m.group(1).equals("first") || m.group(1).equals("1st");
            return first ? absolute(start, start.plusDays(14), "the first half of " + start.getMonth())
                    : absolute(start.plusDays(15), start.plusMonths(1).minusDays(1), "the second half of " + start.getMonth());
        }
        if ((m = q.takeFirst(VERSUS_LAST)) != null) {
            // "throughput vs last month": this period beside the one before
            String unit = m.group(1);
            LocalDate start = periodStart(unit, today).minus(1, unitOf(unit));
            ObjectNode range = JSON.objectNode().put("from", start.toString()).put("to", today.toString());
            return new Found(range, "this " + unit + " and last " + unit, false, unit);
        }
        if ((m = q.takeFirst(TO_DATE)) != null) {
            String unit = m.group(1) != null ? m.group(1) : m.group(3) != null ? m.group(3)
                    : switch (m.group(2)) { case "w" -> "week"; case "m" -> "month"; case "q" -> "quarter"; default -> "year"; };
            return new Found(JSON.objectNode().put("period", "this_" + unit), "this " + unit + " so far", false);
        }
        if ((m = q.takeFirst(BETWEEN)) != null) {
            return absolute(date(m.group(1)), date(m.group(2)), "from " + m.group(1) + " to " + m.group(2));
        }
        if ((m = q.takeFirst(SINCE_DATE)) != null) {
            return absolute(date(m.group(1)), today, "since " + m.group(1));
        }
        if ((m = q.takeFirst(LAST_N)) != null) {
            int n = count(m.group(1), 3650);
            String unit = m.group(2).equals("iteration") ? "sprint" : m.group(2);
            if (unit.equals("year")) {
                return last(n * 12, "months", "the last " + n + " years");
            }
            return last(n, unit + "s", "the last " + n + (unit.equals("sprint") ? " closed " : " ") + unit + (n == 1 ? "" : "s"));
        }
        if ((m = q.takeFirst(QUARTER)) != null) {
            int quarter = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(4));
            int year = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(3));
            LocalDate from = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
            return absolute(from, from.plusMonths(3).minusDays(1), year + "-Q" + quarter);
        }
        if ((m = q.takeFirst(QUARTER_ALONE)) != null) {
            // "in Q3": the latest Q3 that has begun
            int quarter = Integer.parseInt(m.group(1));
            LocalDate from = LocalDate.of(today.getYear(), (quarter - 1) * 3 + 1, 1);
            if (from.isAfter(today)) {
                from = from.minusYears(1);
            }
            return absolute(from, from.plusMonths(3).minusDays(1), from.getYear() + "-Q" + quarter);
        }
        if ((m = q.takeFirst(ROLLING_ONE)) != null) {
            // "in the last week", "over the past month": a rolling window, not the calendar period
            String unit = m.group(1).equals("iteration") ? "sprint" : m.group(1);
            if (unit.equals("year")) {
                return last(12, "months", "the last 12 months");
            }
            return last(1, unit + "s", "the last " + unit);
        }
        if (q.takeFirst(LAST_SPRINT) != null) {
            return last(1, "sprints", "the latest closed sprint");
        }
        if ((m = q.takeFirst(LAST_ONE)) != null) {
            String which = m.group(1);
            String unit = m.group(2);
            boolean current = which.equals("this") || which.equals("current") || which.equals("ongoing");
            String period = (current ? "this_" : "last_") + unit;
            ObjectNode range = JSON.objectNode().put("period", period);
            return new Found(range, (current ? "this " : "last ") + unit, false);
        }
        if ((m = q.takeFirst(YTD)) != null) {
            return new Found(JSON.objectNode().put("period", "this_year"), "this year", false);
        }
        if ((m = q.takeFirst(SINCE_MONTH)) != null) {
            LocalDate from = monthStart(m.group(1), m.group(2), today);
            return absolute(from, today, "since " + from);
        }
        if ((m = q.takeFirst(IN_MONTH)) != null) {
            LocalDate from = monthStart(m.group(1), m.group(2), today);
            return absolute(from, from.plusMonths(1).minusDays(1),
                    from.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + from.getYear());
        }
        if ((m = q.takeFirst(IN_YEAR)) != null) {
            int year = Integer.parseInt(m.group(1));
            if (year >= 1970 && year <= 2200) {
                return absolute(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), Integer.toString(year));
            }
        }
        if (q.takeFirst(TODAY) != null) {
            return absolute(today, today, "today");
        }
        if (q.takeFirst(YESTERDAY) != null) {
            return absolute(today.minusDays(1), today.minusDays(1), "yesterday");
        }
        return null;
    }

    /** A count said in digits, kept within 1..max however many digits were typed. */
    /**
     * A count the question wrote, at least 1 and at most {@code max} (a larger one reads as "all of them", which the
     * explanation shows); a number beyond any count (more than nine digits, past an int) is refused by name.
     */
    static int count(String digits, int max) {
        if (digits.length() > 9) {
            throw new Translation.CannotAnswer("'" + (digits.length() > 30 ? digits.substring(0, 30) + "…" : digits)
                    + "' is larger than any count a question can use here (at most " + max + ")",
                    java.util.List.of("velocity over the last 5 sprints", "throughput in the last 8 weeks",
                            "top 5 sprints by spillover ratio"));
        }
        return (int) Math.max(1, Math.min(max, Long.parseLong(digits)));
    }

    /** A date the question wrote; an impossible one ("2026-02-30", month 13) is refused by name. */
    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (java.time.DateTimeException e) {
            throw new Translation.CannotAnswer("'" + text + "' is not a date (year-month-day, e.g. 2026-02-28)", java.util.List.of(
                    "throughput since " + LocalDate.now().withDayOfMonth(1), "lead time last quarter"));
        }
    }

    private static LocalDate periodStart(String unit, LocalDate today) {
        return switch (unit) {
            case "week" -> today.with(java.time.DayOfWeek.MONDAY);
            case "month" -> today.withDayOfMonth(1);
            case "quarter" -> LocalDate.of(today.getYear(), ((today.getMonthValue() - 1) / 3) * 3 + 1, 1);
            default -> today.withDayOfYear(1);
        };
    }

    private static java.time.temporal.TemporalUnit unitOf(String unit) {
        return switch (unit) {
            case "week" -> java.time.temporal.ChronoUnit.WEEKS;
            case "month" -> java.time.temporal.ChronoUnit.MONTHS;
            case "quarter" -> java.time.temporal.IsoFields.QUARTER_YEARS;
            default -> java.time.temporal.ChronoUnit.YEARS;
        };
    }

    /** The most recent start of that month not after today, unless a year is given. */
    static LocalDate monthStart(String name, String year, LocalDate today) {
        Month month = month(name);
        if (year != null) {
            return LocalDate.of(Integer.parseInt(year), month, 1);
        }
        LocalDate candidate = LocalDate.of(today.getYear(), month, 1);
        return candidate.isAfter(today) ? candidate.minusYears(1) : candidate;
    }

    static Month month(String name) {
        for (Month m : Month.values()) {
            if (m.name().toLowerCase(Locale.ROOT).startsWith(name.substring(0, 3))) {
                return m;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static Found absolute(LocalDate from, LocalDate to, String wording) {
        if (to.isBefore(from)) {
            LocalDate t = from;
            from = to;
            to = t;
        }
        return new Found(JSON.objectNode().put("from", from.toString()).put("to", to.toString()), wording, false);
    }

    private static Found last(int n, String unit, String wording) {
        return new Found(JSON.objectNode().put("last", n).put("unit", unit), wording, unit.equals("sprints"));
    }
}
