package com.digitalspiral.api.charts;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The charts the API draws, by the name clients send and receive. */
public enum ChartType {
    LINE("a measure over time"),
    MULTI_LINE("several series over time, one line each"),
    BAR("a measure per category, vertical bars"),
    HORIZONTAL_BAR("a measure per category, horizontal bars for many or long labels"),
    GROUPED_BAR("a measure per category, side by side per series"),
    STACKED_BAR("parts of a whole per category"),
    AREA("a measure over time, stacked per series when there is one"),
    SCATTER("one measure against another"),
    HEATMAP("a measure over two dimensions, as colour"),
    DONUT("shares of a whole over a few categories"),
    HISTOGRAM("how the values of a measure are distributed"),
    BOX_PLOT("spread of a measure (median, quartiles, range), per group when there is one"),
    KPI("one number, large"),
    TABLE("every column, as text");

    private final String description;

    ChartType(String description) {
        this.description = description;
    }

    /** The name on the wire, e.g. "horizontal_bar". */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    public static Optional<ChartType> parse(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ChartType::wireName).toList();
    }
}
