package com.digitalspiral.catalog.spec;

import com.digitalspiral.catalog.Catalog;
import com.digitalspiral.catalog.DimensionDef;
import com.digitalspiral.catalog.MetricDef;
import com.digitalspiral.catalog.Suggest;
import com.digitalspiral.catalog.spec.AnalyticsSpec.Filter;
import com.digitalspiral.catalog.spec.AnalyticsSpec.Op;
import com.digitalspiral.catalog.spec.AnalyticsSpec.OrderBy;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a JSON spec into an {@link AnalyticsSpec} or a list of {@link SpecError}s, each naming its field by
 * JSON pointer and, where a name was misspelt, the nearest valid one. Nothing of the input reaches SQL as
 * text: names must be catalog names, values must fit their dimension (closed vocabularies, patterns,
 * lengths, no control characters) and become bind parameters in the compiler.
 */
public final class SpecValidator {

    static final Set<String> KEYS = new LinkedHashSet<>(List.of(
            "metrics", "dimensions", "filters", "time_range", "order_by", "limit", "weights", "params", "breakdown"));
    static final List<String> PERIODS = List.of(
            "this_week", "last_week", "this_month", "last_month", "this_quarter", "last_quarter", "this_year", "last_year");
    static final List<String> UNITS = List.of("days", "weeks", "months", "quarters", "sprints");
    static final int MAX_METRICS = 20;
    static final int MAX_DIMENSIONS = 5;
    static final int MAX_FILTERS = 20;
    static final int MAX_IN_VALUES = 1000;
    static final int MAX_NAME = 100;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\t]]");

    private final Catalog catalog;
    private final int maxLimit;

    /** @param maxLimit the largest {@code limit} accepted: the service's row cap */
    public SpecValidator(Catalog catalog, int maxLimit) {
        this.catalog = catalog;
        this.maxLimit = maxLimit;
    }

    public AnalyticsSpec validate(JsonNode root) {
        Errors errors = new Errors();
        if (root == null || !root.isObject()) {
            errors.add("", "the spec must be a JSON object", null);
            throw errors.exception();
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                errors.add("/" + escape(key), "unknown field '" + shown(key) + "'", Suggest.nearest(key, KEYS).orElse(null));
            }
        }
        List<String> metrics = metrics(root.get("metrics"), errors);
        List<MetricDef> defs = metrics.stream().map(m -> catalog.metric(m).orElseThrow()).toList();
        String fact = defs.isEmpty() ? null : defs.get(0).fact();
        String axis = defs.stream().map(MetricDef::timeAxis).filter(a -> a != null).findFirst().orElse(null);
        boolean anySnapshot = defs.stream().anyMatch(MetricDef::snapshot);
        checkMetricsAgree(defs, errors);
        List<String> dimensions = dimensions(root.get("dimensions"), fact, errors);
        boolean grain = dimensions.stream().anyMatch(d -> catalog.grain(d).isPresent());
        if (grain && anySnapshot) {
            errors.add("/dimensions", "a time grain needs metrics measured over time; "
                    + snapshotNames(defs) + " describe now", null);
        }
        List<Filter> filters = filters(root.get("filters"), fact, metrics, errors);
        TimeRange range = timeRange(root.get("time_range"), fact, errors);
        if (range != null && anySnapshot) {
            errors.add("/time_range", "the time range does not apply to " + snapshotNames(defs)
                    + ", which describe now; leave time_range out or ask for them separately", null);
        }
        if (range != null && axis == null && !anySnapshot && !defs.isEmpty()) {
            errors.add("/time_range", "these metrics have no time axis", null);
        }
        List<OrderBy> orderBy = orderBy(root.get("order_by"), metrics, dimensions, errors);
        Integer limit = limit(root.get("limit"), errors);
        Map<String, Double> weights = weights(root.get("weights"), defs, errors);
        Map<String, Integer> params = params(root.get("params"), defs, errors);
        boolean breakdown = breakdown(root.get("breakdown"), defs, errors);
        if (!errors.list.isEmpty()) {
            throw errors.exception();
        }
        return new AnalyticsSpec(metrics, dimensions, filters, range, orderBy, limit, weights, params, breakdown);
    }

    private List<String> metrics(JsonNode node, Errors errors) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            errors.add("/metrics", "metrics is required: a list of metric names from the catalog", null);
            return out;
        }
        if (!node.isArray() || node.isEmpty()) {
            errors.add("/metrics", "metrics must be a non-empty list of metric names", null);
            return out;
        }
        if (node.size() > MAX_METRICS) {
            errors.add("/metrics", "at most " + MAX_METRICS + " metrics per query, got " + node.size(), null);
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            String pointer = "/metrics/" + i;
            String name = name(node.get(i), pointer, "a metric name", errors);
            if (name == null) {
                continue;
            }
            Optional<MetricDef> def = catalog.metric(name);
            if (def.isEmpty()) {
                errors.add(pointer, "unknown metric '" + shown(name) + "'", suggestMetric(name));
            } else if (out.contains(name)) {
                errors.add(pointer, "metric '" + name + "' is listed twice", null);
            } else {
                out.add(name);
            }
        }
        return out;
    }

    private void checkMetricsAgree(List<MetricDef> defs, Errors errors) {
        for (int i = 1; i < defs.size(); i++) {
            MetricDef first = defs.get(0);
            MetricDef m = defs.get(i);
            if (!m.fact().equals(first.fact())) {
                errors.add("/metrics/" + i, "metric '" + m.name() + "' is measured per " + m.fact() + " and '"
                        + first.name() + "' per " + first.fact() + "; ask for them in separate queries", null);
            } else if (m.timeAxis() != null && first.timeAxis() != null && !m.timeAxis().equals(first.timeAxis())) {
                errors.add("/metrics/" + i, "metric '" + m.name() + "' is counted by " + m.timeAxis() + " date and '"
                        + first.name() + "' by " + first.timeAxis() + " date; ask for them in separate queries", null);
            }
        }
    }

    private List<String> dimensions(JsonNode node, String fact, Errors errors) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            errors.add("/dimensions", "dimensions must be a list of dimension names", null);
            return out;
        }
        if (node.size() > MAX_DIMENSIONS) {
            errors.add("/dimensions", "at most " + MAX_DIMENSIONS + " dimensions per query, got " + node.size(), null);
            return out;
        }
        int grains = 0;
        for (int i = 0; i < node.size(); i++) {
            String pointer = "/dimensions/" + i;
            String name = name(node.get(i), pointer, "a dimension name", errors);
            if (name == null) {
                continue;
            }
            if (catalog.grain(name).isPresent()) {
                if (++grains > 1) {
                    errors.add(pointer, "only one time grain per query", null);
                    continue;
                }
            } else {
                Optional<DimensionDef> def = catalog.dimension(name);
                if (def.isEmpty()) {
                    errors.add(pointer, "unknown dimension '" + shown(name) + "'", suggestDimension(name));
                    continue;
                }
                if (fact != null && !def.get().availableOn(fact)) {
                    errors.add(pointer, "dimension '" + name + "' is not available for " + fact
                            + " metrics; they can be grouped by " + String.join(", ", dimensionsOf(fact)), null);
                    continue;
                }
            }
            if (out.contains(name)) {
                errors.add(pointer, "dimension '" + name + "' is listed twice", null);
            } else {
                out.add(name);
            }
        }
        return out;
    }

    private List<Filter> filters(JsonNode node, String fact, List<String> metrics, Errors errors) {
        List<Filter> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            errors.add("/filters", "filters must be a list of {field, op, value} objects", null);
            return out;
        }
        if (node.size() > MAX_FILTERS) {
            errors.add("/filters", "at most " + MAX_FILTERS + " filters per query, got " + node.size(), null);
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            Filter f = filter(node.get(i), "/filters/" + i, fact, metrics, errors);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    private Filter filter(JsonNode node, String pointer, String fact, List<String> metrics, Errors errors) {
        if (!node.isObject()) {
            errors.add(pointer, "a filter must be an object {field, op, value}", null);
            return null;
        }
        Set<String> allowed = Set.of("field", "op", "value", "values");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                errors.add(pointer + "/" + escape(key), "unknown filter field '" + shown(key) + "'",
                        Suggest.nearest(key, allowed).orElse(null));
            }
        }
        String field = name(node.get("field"), pointer + "/field", "a dimension or metric name", errors);
        String opName = name(node.get("op"), pointer + "/op", "an operator", errors);
        if (field == null || opName == null) {
            return null;
        }
        List<String> ops = Arrays.stream(Op.values()).map(Op::wire).toList();
        if (!ops.contains(opName)) {
            errors.add(pointer + "/op", "unknown operator '" + shown(opName) + "'; use one of " + String.join(", ", ops),
                    Suggest.nearest(opName, ops).orElse(null));
            return null;
        }
        Op op = Op.valueOf(opName.toUpperCase(Locale.ROOT));
        boolean isMetric = catalog.metric(field).isPresent();
        DimensionDef dim = catalog.dimension(field).orElse(null);
        if (isMetric && !metrics.contains(field)) {
            errors.add(pointer + "/field", "metric '" + field + "' can be filtered only when it is in metrics", null);
            return null;
        }
        if (!isMetric && dim == null) {
            String hint = catalog.grain(field).isPresent() ? "; use time_range for periods" : "";
            errors.add(pointer + "/field", "unknown filter field '" + shown(field) + "'" + hint, suggestField(field));
            return null;
        }
        if (dim != null && fact != null && !dim.availableOn(fact)) {
            errors.add(pointer + "/field", "dimension '" + field + "' is not available for " + fact
                    + " metrics; they can be filtered by " + String.join(", ", dimensionsOf(fact)), null);
            return null;
        }
        JsonNode value = node.has("values") ? node.get("values") : node.get("value");
        String valuePointer = pointer + (node.has("values") ? "/values" : "/value");
        if (node.has("values") && node.has("value")) {
            errors.add(pointer, "give either value or values, not both", null);
            return null;
        }
        List<Object> values = operands(op, value, valuePointer, errors);
        if (values == null) {
            return null;
        }
        if (op == Op.IS_NULL) {
            return new Filter(field, op, values);
        }
        boolean ordered = op == Op.GT || op == Op.GTE || op == Op.LT || op == Op.LTE || op == Op.BETWEEN;
        List<Object> checked = new ArrayList<>();
        for (int k = 0; k < values.size(); k++) {
            String vp = values.size() == 1 && !value.isArray() ? valuePointer : valuePointer + "/" + k;
            Object v = values.get(k);
            if (isMetric) {
                if (!(v instanceof Double)) {
                    errors.add(vp, "metric '" + field + "' is compared with numbers", null);
                    return null;
                }
                checked.add(v);
            } else {
                if (ordered) {
                    errors.add(pointer + "/op", "operator '" + opName + "' needs a numeric field; '" + field
                            + "' is text: use eq, neq, in, not_in or is_null", null);
                    return null;
                }
                Object canonical = dimensionValue(dim, v, vp, errors);
                if (canonical == null) {
                    return null;
                }
                checked.add(canonical);
            }
        }
        return new Filter(field, op, checked);
    }

    /** The operand(s) as Strings, Doubles or one Boolean, in the shape the operator needs. */
    private List<Object> operands(Op op, JsonNode value, String pointer, Errors errors) {
        if (value == null || value.isMissingNode()) {
            errors.add(pointer, "operator '" + op.wire() + "' needs a value", null);
            return null;
        }
        switch (op) {
            case IS_NULL -> {
                if (!value.isBoolean()) {
                    errors.add(pointer, "is_null takes true (is null) or false (is not null)", null);
                    return null;
                }
                return List.of(value.booleanValue());
            }
            case IN, NOT_IN, BETWEEN -> {
                if (!value.isArray() || value.isEmpty()) {
                    errors.add(pointer, "operator '" + op.wire() + "' needs a list of values", null);
                    return null;
                }
                if (op == Op.BETWEEN && value.size() != 2) {
                    errors.add(pointer, "between needs exactly two values [low, high], got " + value.size(), null);
                    return null;
                }
                if (value.size() > MAX_IN_VALUES) {
                    errors.add(pointer, "at most " + MAX_IN_VALUES + " values, got " + value.size(), null);
                    return null;
                }
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    Object scalar = scalar(value.get(i), pointer + "/" + i, errors);
                    if (scalar == null) {
                        return null;
                    }
                    out.add(scalar);
                }
                if (op == Op.BETWEEN && out.get(0) instanceof Double lo && out.get(1) instanceof Double hi && lo > hi) {
                    errors.add(pointer, "between needs low <= high", null);
                    return null;
                }
                return out;
            }
            default -> {
                Object scalar = scalar(value, pointer, errors);
                return scalar == null ? null : List.of(scalar);
            }
        }
    }

    private Object scalar(JsonNode v, String pointer, Errors errors) {
        if (v.isNumber()) {
            double d = v.doubleValue();
            if (!Double.isFinite(d)) {
                errors.add(pointer, "number out of range", null);
                return null;
            }
            return d;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        errors.add(pointer, "a value must be a string or a number, not " + v.getNodeType().name().toLowerCase(Locale.ROOT), null);
        return null;
    }

    private String dimensionValue(DimensionDef dim, Object v, String pointer, Errors errors) {
        if (!(v instanceof String s)) {
            errors.add(pointer, "dimension '" + dim.name() + "' takes text values", null);
            return null;
        }
        if (s.length() > dim.maxValueLength()) {
            errors.add(pointer, "value is " + s.length() + " characters long; '" + dim.name() + "' values have at most "
                    + dim.maxValueLength(), null);
            return null;
        }
        if (CONTROL.matcher(s).find()) {
            errors.add(pointer, "value contains control characters", null);
            return null;
        }
        if (!dim.values().isEmpty()) {
            for (String known : dim.values()) {
                if (known.equalsIgnoreCase(s.trim())) {
                    return known;
                }
            }
            errors.add(pointer, "'" + shown(s) + "' is not a " + dim.name() + "; use one of " + String.join(", ", dim.values()),
                    Suggest.nearest(s, dim.values()).orElse(null));
            return null;
        }
        if (dim.pattern() != null && !s.matches(dim.pattern())) {
            errors.add(pointer, "'" + shown(s) + "' is not a valid " + dim.name() + " (" + dim.description() + ")", null);
            return null;
        }
        return s;
    }

    private TimeRange timeRange(JsonNode node, String fact, Errors errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        String p = "/time_range";
        if (!node.isObject()) {
            errors.add(p, "time_range must be an object: {from, to}, {last, unit} or {period}", null);
            return null;
        }
        Set<String> allowed = Set.of("from", "to", "last", "unit", "period");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                errors.add(p + "/" + escape(key), "unknown time_range field '" + shown(key) + "'",
                        Suggest.nearest(key, allowed).orElse(null));
                return null;
            }
        }
        if (node.has("period")) {
            String period = name(node.get("period"), p + "/period", "a period name", errors);
            if (period == null) {
                return null;
            }
            if (!PERIODS.contains(period)) {
                errors.add(p + "/period", "unknown period '" + shown(period) + "'; use one of " + String.join(", ", PERIODS),
                        Suggest.nearest(period, PERIODS).orElse(null));
                return null;
            }
            if (node.size() > 1) {
                errors.add(p, "period stands alone: leave out from, to, last and unit", null);
                return null;
            }
            return new TimeRange.Period(period);
        }
        if (node.has("last")) {
            JsonNode last = node.get("last");
            if (!last.canConvertToInt() || !last.isIntegralNumber() || last.intValue() < 1 || last.intValue() > 3650) {
                errors.add(p + "/last", "last must be a whole number from 1 to 3650", null);
                return null;
            }
            String unit = name(node.get("unit"), p + "/unit", "a unit (" + String.join(", ", UNITS) + ")", errors);
            if (unit == null) {
                return null;
            }
            if (!UNITS.contains(unit)) {
                errors.add(p + "/unit", "unknown unit '" + shown(unit) + "'; use one of " + String.join(", ", UNITS),
                        Suggest.nearest(unit, UNITS).orElse(null));
                return null;
            }
            if (node.has("from") || node.has("to")) {
                errors.add(p, "give either last and unit, or from and to", null);
                return null;
            }
            if (unit.equals("sprints")) {
                if (fact != null && !fact.equals("sprint")) {
                    errors.add(p + "/unit", "'last N sprints' applies to sprint metrics; for issue metrics use days, weeks or months", null);
                    return null;
                }
                return new TimeRange.LastSprints(last.intValue());
            }
            return new TimeRange.Last(last.intValue(), TimeRange.Unit.valueOf(unit.toUpperCase(Locale.ROOT)));
        }
        LocalDate from = date(node.get("from"), p + "/from", errors);
        LocalDate to = date(node.get("to"), p + "/to", errors);
        if (from == null || to == null) {
            return null;
        }
        if (from.isAfter(to)) {
            errors.add(p, "from (" + from + ") is after to (" + to + ")", null);
            return null;
        }
        return new TimeRange.Absolute(from, to);
    }

    private LocalDate date(JsonNode node, String pointer, Errors errors) {
        if (node == null || !node.isTextual()) {
            errors.add(pointer, "a date is required, as YYYY-MM-DD", null);
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(node.textValue());
            if (d.getYear() < 1970 || d.getYear() > 2200) {
                errors.add(pointer, "date out of range (1970–2200)", null);
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            errors.add(pointer, "'" + shown(node.textValue()) + "' is not a date; use YYYY-MM-DD", null);
            return null;
        }
    }

    private List<OrderBy> orderBy(JsonNode node, List<String> metrics, List<String> dimensions, Errors errors) {
        List<OrderBy> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray() || node.size() > 5) {
            errors.add("/order_by", "order_by must be a list of at most 5 {field, direction} objects", null);
            return out;
        }
        List<String> selected = new ArrayList<>(metrics);
        selected.addAll(dimensions);
        for (int i = 0; i < node.size(); i++) {
            String p = "/order_by/" + i;
            JsonNode o = node.get(i);
            if (!o.isObject()) {
                errors.add(p, "an order must be an object {field, direction}", null);
                continue;
            }
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!key.equals("field") && !key.equals("direction")) {
                    errors.add(p + "/" + escape(key), "unknown order_by field '" + shown(key) + "'",
                            Suggest.nearest(key, List.of("field", "direction")).orElse(null));
                }
            }
            String field = name(o.get("field"), p + "/field", "a selected metric or dimension", errors);
            if (field == null) {
                continue;
            }
            if (!selected.contains(field)) {
                errors.add(p + "/field", "can order only by a selected metric or dimension ("
                        + String.join(", ", selected) + "), not '" + shown(field) + "'",
                        Suggest.nearest(field, selected).orElse(null));
                continue;
            }
            boolean desc = false;
            if (o.has("direction")) {
                String dir = name(o.get("direction"), p + "/direction", "asc or desc", errors);
                if (dir == null) {
                    continue;
                }
                if (!dir.equals("asc") && !dir.equals("desc")) {
                    errors.add(p + "/direction", "direction is asc or desc, not '" + shown(dir) + "'",
                            Suggest.nearest(dir, List.of("asc", "desc")).orElse(null));
                    continue;
                }
                desc = dir.equals("desc");
            }
            out.add(new OrderBy(field, desc));
        }
        return out;
    }

    private Integer limit(JsonNode node, Errors errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > maxLimit) {
            errors.add("/limit", "limit must be a whole number from 1 to " + maxLimit, null);
            return null;
        }
        return node.intValue();
    }

    private Map<String, Double> weights(JsonNode node, List<MetricDef> defs, Errors errors) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        MetricDef composite = defs.stream().filter(m -> !m.weights().isEmpty()).findFirst().orElse(null);
        if (composite == null) {
            errors.add("/weights", "weights apply to sprint_problematic_score, which is not in metrics", null);
            return out;
        }
        if (!node.isObject()) {
            errors.add("/weights", "weights must be an object {factor: weight}", null);
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = "/weights/" + escape(e.getKey());
            if (!composite.weights().containsKey(e.getKey())) {
                errors.add(p, "'" + shown(e.getKey()) + "' is not a factor of " + composite.name() + "; its factors are "
                        + String.join(", ", composite.weights().keySet()),
                        Suggest.nearest(e.getKey(), composite.weights().keySet()).orElse(null));
                continue;
            }
            JsonNode w = e.getValue();
            if (!w.isNumber() || !Double.isFinite(w.doubleValue()) || Math.abs(w.doubleValue()) > 100) {
                errors.add(p, "a weight must be a number from -100 to 100", null);
                continue;
            }
            out.put(e.getKey(), w.doubleValue());
        }
        return out;
    }

    private Map<String, Integer> params(JsonNode node, List<MetricDef> defs, Errors errors) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            errors.add("/params", "params must be an object {name: number}", null);
            return out;
        }
        Map<String, MetricDef.ParamDef> known = new LinkedHashMap<>();
        defs.forEach(m -> m.params().forEach(p -> known.put(p.name(), p)));
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = "/params/" + escape(e.getKey());
            MetricDef.ParamDef def = known.get(e.getKey());
            if (def == null) {
                errors.add(p, "unknown parameter '" + shown(e.getKey()) + "'"
                        + (known.isEmpty() ? "; these metrics take none" : "; these metrics take " + String.join(", ", known.keySet())),
                        Suggest.nearest(e.getKey(), known.keySet()).orElse(null));
                continue;
            }
            JsonNode v = e.getValue();
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < def.min() || v.intValue() > def.max()) {
                errors.add(p, def.name() + " must be a whole number from " + def.min() + " to " + def.max(), null);
                continue;
            }
            out.put(e.getKey(), v.intValue());
        }
        return out;
    }

    private boolean breakdown(JsonNode node, List<MetricDef> defs, Errors errors) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            errors.add("/breakdown", "breakdown must be true or false", null);
            return false;
        }
        if (node.booleanValue() && defs.stream().allMatch(m -> m.weights().isEmpty())) {
            errors.add("/breakdown", "breakdown applies to sprint_problematic_score, which is not in metrics", null);
            return false;
        }
        return node.booleanValue();
    }

    private String name(JsonNode node, String pointer, String what, Errors errors) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            errors.add(pointer, what + " is required", null);
            return null;
        }
        if (!node.isTextual()) {
            errors.add(pointer, "expected " + what + " (a string), got " + node.getNodeType().name().toLowerCase(Locale.ROOT), null);
            return null;
        }
        String s = node.textValue();
        if (s.length() > MAX_NAME) {
            errors.add(pointer, "expected " + what + "; got a string of " + s.length() + " characters", null);
            return null;
        }
        return s;
    }

    private String suggestMetric(String input) {
        String normal = input.toLowerCase(Locale.ROOT).trim();
        for (MetricDef m : catalog.metrics()) {
            if (m.synonyms().stream().anyMatch(s -> s.equalsIgnoreCase(normal))) {
                return m.name();
            }
        }
        return Suggest.nearest(input, catalog.metricNames()).orElse(null);
    }

    private String suggestDimension(String input) {
        String normal = input.toLowerCase(Locale.ROOT).trim();
        for (DimensionDef d : catalog.dimensions()) {
            if (d.synonyms().stream().anyMatch(s -> s.equalsIgnoreCase(normal))) {
                return d.name();
            }
        }
        return Suggest.nearest(input, catalog.dimensionNames()).orElse(null);
    }

    private String suggestField(String input) {
        List<String> names = new ArrayList<>(catalog.dimensions().stream().map(DimensionDef::name).toList());
        names.addAll(catalog.metricNames());
        return Suggest.nearest(input, names).orElse(null);
    }

    private List<String> dimensionsOf(String fact) {
        List<String> names = new ArrayList<>(catalog.dimensions().stream()
                .filter(d -> d.availableOn(fact)).map(DimensionDef::name).toList());
        if (catalog.fact(fact).timeAxes().size() > 0) {
            catalog.grains().forEach(g -> names.add(g.name()));
        }
        return names;
    }

    private static String snapshotNames(List<MetricDef> defs) {
        return String.join(", ", defs.stream().filter(MetricDef::snapshot).map(MetricDef::name).toList());
    }

    /** Echoes user text in a message: at most 60 characters, control characters made visible. */
    static String shown(String s) {
        String clipped = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return CONTROL.matcher(clipped).replaceAll("\uFFFD");
    }

    /** RFC 6901 escaping of one reference token. */
    static String escape(String token) {
        return shown(token).replace("~", "~0").replace("/", "~1");
    }

    private static final class Errors {
        final List<SpecError> list = new ArrayList<>();

        void add(String pointer, String message, String suggestion) {
            String full = suggestion == null ? message : message + "; did you mean '" + suggestion + "'?";
            list.add(new SpecError(pointer, full, suggestion));
        }

        SpecValidationException exception() {
            return new SpecValidationException(list);
        }
    }
}
