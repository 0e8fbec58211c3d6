package com.digitalspiral.api.translate;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Thresholds on a measure: "more than 20%", "at least 3", "between 10% and 30%", "over a fifth", "longer than
 * two weeks", "with no bugs". The value keeps its kind (a share, a duration in hours, or a plain number) so
 * that it can be put in the unit of the measure it is about once that measure is known.
 */
final class ThresholdReader {

    /** What kind of number was said. */
    enum Kind { NUMBER, SHARE, HOURS }

    /** A threshold as said: the operator, the value(s) in their kind. */
    record Threshold(String op, double low, double high, Kind kind) {
        /** The value(s) in a measure's unit ("ratio", "days", "hours", or a count). */
        double[] in(String unit) {
            double scale = switch (kind) {
                case SHARE -> "ratio".equals(unit) ? 1 : 100;
                case HOURS -> "days".equals(unit) ? 1 / 24.0 : 1;
                case NUMBER -> 1;
            };
            return new double[] {low * scale, high * scale};
        }
    }

    private static final Map<String, Double> FRACTIONS = Map.of("half", 0.5, "third", 1 / 3.0, "quarter", 0.25,
            "fifth", 0.2, "tenth", 0.1, "twentieth", 0.05, "two thirds", 2 / 3.0, "three quarters", 0.75);
    private static final String FRACTION = "(?:a |one |an )?(half|third|quarter|fifth|tenth|twentieth|two thirds|three quarters)"
            + "(?= of\\b| the\\b| their\\b| its\\b| what\\b| (?:the |their |its )?(?:plan|commitment|scope|planned|committed)\\b|$| [,?])";
    private static final String NUMBER = "(-?\\d+(?:\\.\\d+)?|a|an)";
    // units of a duration or a share are read with the number; nouns after it ("20 tickets", "3 bugs") are left
    // for the metric readers, since they say what is counted
    private static final String UNIT = "(?: ?(%|percent|per cent|pct)| (days?|weeks?|hours?|hrs?|h)\\b)?";
    private static final String OP = "(more than|greater than|higher than|larger than|bigger than|longer than|over|above|"
            + "exceeding|exceeded|exceeds|exceed|in excess of|upwards of|by more than|at least|no less than|not less than|>=|>|"
            + "less than|fewer than|lower than|smaller than|shorter than|under|below|at most|no more than|not more than|"
            + "up to|<=|<|equal to|equals|exactly|=)";
    private static final Pattern BETWEEN = Pattern.compile("\\bbetween " + NUMBER + UNIT + " and " + NUMBER + UNIT);
    private static final Pattern FRACTION_THRESHOLD = Pattern.compile("(?:\\b|(?=[<>=]))" + OP + " " + FRACTION);
    private static final Pattern THRESHOLD = Pattern.compile("(?:\\b|(?=[<>=]))" + OP + " " + NUMBER + UNIT);
    /** "20 points or more", "3 bugs and above": the operator after the number. */
    private static final String AFTER = "or more|or above|and above|and up|or higher|or greater|plus|or less|or fewer|or below|"
            + "and below|or lower|or under";
    // the nouns between the number and its operator ("2 bugs or fewer") say what is counted: left for the metric readers
    private static final Pattern POSTFIX = Pattern.compile("\\b(?:with |having |had |of )?" + NUMBER + UNIT
            + "(?=(?: [a-z]+){0,3}? (" + AFTER + ")\\b)");
    private static final Pattern AFTER_WORDS = Pattern.compile("\\b(?:" + AFTER + ")\\b");
    /** "with no bugs", "had zero reopens": a count of exactly 0 (comment silence is read elsewhere). */
    private static final Pattern NONE = Pattern.compile("\\b(?:with|had|having|has|have) (?:no|zero|0)(?= (?!comments?\\b)[a-z])");

    private ThresholdReader() {}

    static Threshold read(Question q) {
        Question.MatchResultCopy b = q.takeFirst(BETWEEN);
        if (b != null) {
            Kind kind = kind(b.group(2) != null ? b.group(2) : b.group(5), b.group(3) != null ? b.group(3) : b.group(6));
            double lo = value(b.group(1)) * factor(b.group(2) != null ? b.group(2) : b.group(5), b.group(3) != null ? b.group(3) : b.group(6));
            double hi = value(b.group(4)) * factor(b.group(5) != null ? b.group(5) : b.group(2), b.group(6) != null ? b.group(6) : b.group(3));
            return new Threshold("between", Math.min(lo, hi), Math.max(lo, hi), kind);
        }
        Question.MatchResultCopy f = q.takeFirst(FRACTION_THRESHOLD);
        if (f != null) {
            double v = FRACTIONS.get(f.group(2));
            return new Threshold(op(f.group(1)), v, v, Kind.SHARE);
        }
        Question.MatchResultCopy m = q.takeFirst(THRESHOLD);
        if (m != null && (!(m.group(2).equals("a") || m.group(2).equals("an")) || m.group(4) != null)) {
            Kind kind = kind(m.group(3), m.group(4));
            double v = value(m.group(2)) * factor(m.group(3), m.group(4));
            return new Threshold(op(m.group(1)), v, v, kind);
        }
        Question.MatchResultCopy p = q.takeFirst(POSTFIX);
        if (p != null && !(p.group(1).equals("a") || p.group(1).equals("an"))) {
            double v = value(p.group(1)) * factor(p.group(2), p.group(3));
            q.takeFirst(AFTER_WORDS);
            String op = p.group(4).matches("or more|or above|and above|and up|or higher|or greater|plus") ? "gte" : "lte";
            return new Threshold(op, v, v, kind(p.group(2), p.group(3)));
        }
        if (q.takeFirst(NONE) != null) {
            return new Threshold("eq", 0, 0, Kind.NUMBER);
        }
        return null;
    }

    private static double value(String s) {
        return s.equals("a") || s.equals("an") ? 1 : Double.parseDouble(s);
    }

    private static Kind kind(String percent, String duration) {
        if (percent != null) {
            return Kind.SHARE;
        }
        return duration != null ? Kind.HOURS : Kind.NUMBER;
    }

    /** A percentage as a share; a duration in hours. */
    private static double factor(String percent, String duration) {
        if (percent != null) {
            return 0.01;
        }
        if (duration == null) {
            return 1;
        }
        if (duration.startsWith("week")) {
            return 24 * 7;
        }
        if (duration.startsWith("day")) {
            return 24;
        }
        return 1;
    }

    private static String op(String word) {
        return switch (word) {
            case "more than", "greater than", "higher than", "larger than", "bigger than", "longer than", "over", "above",
                 "exceeding", "exceeded", "exceeds", "exceed", "in excess of", "upwards of", "by more than", ">" -> "gt";
            case "at least", "no less than", "not less than", ">=" -> "gte";
            case "less than", "fewer than", "lower than", "smaller than", "shorter than", "under", "below", "<" -> "lt";
            case "at most", "no more than", "not more than", "up to", "<=" -> "lte";
            default -> "eq";
        };
    }
}
