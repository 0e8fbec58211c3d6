package com.digitalspiral.api.charts;

import com.digitalspiral.api.charts.ResultShape.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks a chart for a result from its shape (how many time axes, categories and measures, how many distinct
 * values, how many rows) and tells which other charts could draw it. Rules, not a model: the same result always
 * gets the same chart, and every choice comes with its reason.
 */
public final class ChartRecommender {

    static final int MAX_BARS = 50;
    static final int MAX_HORIZONTAL_BARS = 200;
    static final int MAX_SERIES = 20;
    static final int MAX_HEATMAP_SIDE = 60;
    static final int MAX_DONUT_SLICES = 8;

    public record Choice(ChartType type, String reason) {}

    public record Recommendation(Choice recommended, List<Choice> alternatives) {}

    public Recommendation recommend(ResultShape s) {
        Choice best = best(s);
        List<Choice> others = new ArrayList<>();
        for (ChartType t : ChartType.values()) {
            if (t != best.type() && unfit(t, s).isEmpty()) {
                others.add(new Choice(t, t.description()));
            }
        }
        return new Recommendation(best, List.copyOf(others));
    }

    private Choice best(ResultShape s) {
        int t = s.temporal().size();
        int n = s.nominal().size();
        int m = s.measures().size();
        if (s.rows() == 0) {
            return new Choice(ChartType.TABLE, "no rows to draw");
        }
        if (m == 0) {
            return new Choice(ChartType.TABLE, "no measure to draw, only labels");
        }
        if (s.rows() == 1 && unfit(ChartType.KPI, s).isEmpty()) {
            return new Choice(ChartType.KPI, "a single row: the number itself says most");
        }
        if (t == 1 && n == 0 && m == 1) {
            return new Choice(ChartType.LINE, "one measure over time");
        }
        if (t == 1 && n == 0 && unfit(ChartType.MULTI_LINE, s).isEmpty()) {
            return new Choice(ChartType.MULTI_LINE, m + " measures over time, one line each");
        }
        if (t == 1 && n == 1 && m == 1) {
            return s.nominal().get(0).distinct() <= 8
                    ? new Choice(ChartType.MULTI_LINE, "one line per " + label(s.nominal().get(0)) + " over time")
                    : fallback(ChartType.HEATMAP, s, "too many " + label(s.nominal().get(0)) + " values for lines: "
                            + "time against " + label(s.nominal().get(0)) + " as colour");
        }
        if (t == 0 && n == 1 && m == 1) {
            Field category = s.nominal().get(0);
            if (category.distinct() > 40 && s.rows() >= 10) {
                return new Choice(ChartType.HISTOGRAM, category.distinct() + " " + label(category)
                        + " values are too many to compare one by one: how the values are distributed");
            }
            if (category.distinct() > 10 || category.longestLabel() > 14) {
                return fallback(ChartType.HORIZONTAL_BAR, s, "one measure per " + label(category)
                        + ", horizontal so that many or long labels stay readable");
            }
            return new Choice(ChartType.BAR, "one measure per " + label(category));
        }
        if (t == 0 && n == 2 && m == 1) {
            Field outer = s.nominal().get(0);
            Field inner = s.nominal().get(1);
            if (inner.distinct() <= 6 && outer.distinct() <= 20) {
                if (s.measures().get(0).additive()) {
                    return new Choice(ChartType.STACKED_BAR, "parts per " + label(inner) + " make up each "
                            + label(outer) + "'s total");
                }
                return new Choice(ChartType.GROUPED_BAR, "a few " + label(inner) + " values side by side per "
                        + label(outer));
            }
            return fallback(ChartType.HEATMAP, s, label(outer) + " against " + label(inner) + ", the measure as colour");
        }
        if (t == 0 && n <= 1 && m == 2 && s.rows() >= 3) {
            return new Choice(ChartType.SCATTER, "two measures: how one moves with the other");
        }
        if (t == 0 && n == 1 && unfit(ChartType.GROUPED_BAR, s).isEmpty() && s.rows() <= 12) {
            return new Choice(ChartType.GROUPED_BAR, m + " measures side by side per " + label(s.nominal().get(0)));
        }
        return new Choice(ChartType.TABLE, "no chart reads better than the table for this shape");
    }

    private static String label(Field f) {
        return f.name().replace('_', ' ');
    }

    /** Several measures share an axis only when they count the same thing. */
    private static boolean oneUnit(ResultShape s) {
        return s.measures().stream().map(f -> String.valueOf(f.unit())).distinct().count() == 1;
    }

    private Choice fallback(ChartType wanted, ResultShape s, String reason) {
        return unfit(wanted, s).isEmpty() ? new Choice(wanted, reason)
                : new Choice(ChartType.TABLE, "too many values for any chart to stay readable");
    }

    /** Why this chart cannot draw the result, or empty when it can. */
    public Optional<String> unfit(ChartType type, ResultShape s) {
        int t = s.temporal().size();
        int n = s.nominal().size();
        int m = s.measures().size();
        List<Field> dims = s.dimensions();
        boolean oneMeasure = m == 1;
        return switch (type) {
            case TABLE -> Optional.empty();
            case KPI -> s.rows() == 1 && m >= 1 && m <= 4 ? Optional.empty()
                    : Optional.of("a KPI shows one row of one to four measures; this result has " + s.rows() + " rows and "
                    + m + " measures");
            case LINE -> t == 1 && n == 0 && oneMeasure ? Optional.empty()
                    : Optional.of("a line needs a time column (day, week, month or quarter), no category and one measure");
            case MULTI_LINE -> t == 1 && ((n == 1 && oneMeasure && s.nominal().get(0).distinct() <= MAX_SERIES)
                    || (n == 0 && m >= 2 && m <= 8 && oneUnit(s))) ? Optional.empty()
                    : Optional.of("several lines need a time column and either one category (at most " + MAX_SERIES
                    + " values) with one measure, or two to eight measures of the same unit");
            case AREA -> t == 1 && oneMeasure && (n == 0 || (n == 1 && s.nominal().get(0).distinct() <= MAX_SERIES))
                    ? Optional.empty()
                    : Optional.of("an area needs a time column, one measure and at most one category");
            case BAR -> dims.size() == 1 && oneMeasure && dims.get(0).distinct() <= MAX_BARS ? Optional.empty()
                    : Optional.of("bars need one dimension (at most " + MAX_BARS + " values) and one measure");
            case HORIZONTAL_BAR -> t == 0 && n == 1 && oneMeasure && dims.get(0).distinct() <= MAX_HORIZONTAL_BARS
                    ? Optional.empty()
                    : Optional.of("horizontal bars need one category (at most " + MAX_HORIZONTAL_BARS
                    + " values) and one measure");
            case GROUPED_BAR -> (dims.size() == 2 && oneMeasure && dims.get(1).distinct() <= 12
                    && dims.get(0).distinct() <= MAX_BARS)
                    || (dims.size() == 1 && m >= 2 && m <= 6 && oneUnit(s) && dims.get(0).distinct() <= MAX_BARS)
                    ? Optional.empty()
                    : Optional.of("grouped bars need two dimensions (the second with at most 12 values) and one measure, "
                    + "or one dimension and two to six measures of the same unit");
            case STACKED_BAR -> dims.size() == 2 && oneMeasure && s.measures().get(0).additive()
                    && dims.get(1).distinct() <= MAX_SERIES && dims.get(0).distinct() <= MAX_BARS ? Optional.empty()
                    : Optional.of("stacked bars need two dimensions and one measure whose parts add up "
                    + "(a count or a sum, not a ratio, an average or a score)");
            case SCATTER -> m >= 2 && s.rows() >= 3 ? Optional.empty()
                    : Optional.of("a scatter plot needs two measures and at least three rows");
            case HEATMAP -> dims.size() == 2 && oneMeasure && dims.get(0).distinct() <= MAX_HEATMAP_SIDE
                    && dims.get(1).distinct() <= MAX_HEATMAP_SIDE ? Optional.empty()
                    : Optional.of("a heatmap needs two dimensions (at most " + MAX_HEATMAP_SIDE
                    + " values each) and one measure");
            case DONUT -> t == 0 && n == 1 && oneMeasure && s.measures().get(0).additive()
                    && s.nominal().get(0).distinct() >= 2 && s.nominal().get(0).distinct() <= MAX_DONUT_SLICES
                    && s.rows() == s.nominal().get(0).distinct() ? Optional.empty()
                    : Optional.of("a donut needs one category with 2 to " + MAX_DONUT_SLICES
                    + " values, one row each, and a measure whose parts add up (a count or a sum)");
            case HISTOGRAM -> m >= 1 && s.rows() >= 10 ? Optional.empty()
                    : Optional.of("a histogram needs a measure and at least 10 rows");
            case BOX_PLOT -> m >= 1 && s.rows() >= 5 ? Optional.empty()
                    : Optional.of("a box plot needs a measure and at least 5 rows");
        };
    }
}
