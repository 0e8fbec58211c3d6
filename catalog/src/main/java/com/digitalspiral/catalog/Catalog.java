package com.digitalspiral.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics catalog: what a user may ask for. Loaded from {@code metrics_catalog.json}; its
 * {@link #fingerprint()} changes with any change of the file, so cached answers of an older catalog are
 * never served.
 */
public final class Catalog {

    public static final String RESOURCE = "/metrics_catalog.json";

    private final String version;
    private final String fingerprint;
    private final Map<String, FactDef> facts;
    private final Map<String, MetricDef> metrics = new LinkedHashMap<>();
    private final Map<String, DimensionDef> dimensions = new LinkedHashMap<>();
    private final Map<String, TimeGrain> grains = new LinkedHashMap<>();

    record File(String version, Map<String, FactDef> facts, List<DimensionDef> dimensions,
                @JsonProperty("time_grains") List<TimeGrain> timeGrains, List<MetricDef> metrics) {}

    private Catalog(File file, String fingerprint) {
        this.version = file.version();
        this.fingerprint = fingerprint;
        this.facts = Map.copyOf(file.facts());
        file.metrics().forEach(m -> metrics.put(m.name(), m));
        file.dimensions().forEach(d -> dimensions.put(d.name(), d));
        file.timeGrains().forEach(g -> grains.put(g.name(), g));
        checkConsistent();
    }

    /** The catalog shipped in this build. */
    public static Catalog load() {
        try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Catalog parse(byte[] json) {
        try {
            ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            return new Catalog(mapper.readValue(json, File.class), sha256(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("metrics catalog is not valid: " + e.getMessage(), e);
        }
    }

    private void checkConsistent() {
        List<String> problems = new ArrayList<>();
        for (MetricDef m : metrics.values()) {
            FactDef fact = facts.get(m.fact());
            if (fact == null) {
                problems.add(m.name() + ": unknown fact " + m.fact());
                continue;
            }
            if (m.timeAxis() != null && !fact.timeAxes().containsKey(m.timeAxis())) {
                problems.add(m.name() + ": fact " + m.fact() + " has no time axis " + m.timeAxis());
            }
            m.dependencies().stream().filter(d -> !metrics.containsKey(d))
                    .forEach(d -> problems.add(m.name() + ": unknown dependency " + d));
            m.weights().keySet().stream().filter(d -> !metrics.containsKey(d))
                    .forEach(d -> problems.add(m.name() + ": weight of unknown metric " + d));
            m.defaultDimensions().stream().filter(d -> !dimensions.containsKey(d))
                    .forEach(d -> problems.add(m.name() + ": unknown default dimension " + d));
            for (MetricDef.ParamDef p : m.params()) {
                if (!m.sql().contains("{" + p.name() + "}")) {
                    problems.add(m.name() + ": parameter " + p.name() + " is not used in its sql");
                }
            }
        }
        for (DimensionDef d : dimensions.values()) {
            d.sql().keySet().stream().filter(f -> !facts.containsKey(f))
                    .forEach(f -> problems.add("dimension " + d.name() + ": unknown fact " + f));
            if (grains.containsKey(d.name()) || metrics.containsKey(d.name())) {
                problems.add("dimension " + d.name() + " shares its name with a metric or time grain");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("metrics catalog is inconsistent: " + String.join("; ", problems));
        }
    }

    /** The catalog's declared version plus the first hex digits of its fingerprint, e.g. {@code 1.0.0+3f2a9c1b}. */
    public String version() {
        return version + "+" + fingerprint.substring(0, 8);
    }

    public String declaredVersion() {
        return version;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public FactDef fact(String name) {
        return facts.get(name);
    }

    public Optional<MetricDef> metric(String name) {
        return Optional.ofNullable(metrics.get(name));
    }

    public Optional<DimensionDef> dimension(String name) {
        return Optional.ofNullable(dimensions.get(name));
    }

    public Optional<TimeGrain> grain(String name) {
        return Optional.ofNullable(grains.get(name));
    }

    public List<MetricDef> metrics() {
        return List.copyOf(metrics.values());
    }

    public List<DimensionDef> dimensions() {
        return List.copyOf(dimensions.values());
    }

    public List<TimeGrain> grains() {
        return List.copyOf(grains.values());
    }

    public List<String> metricNames() {
        return List.copyOf(metrics.keySet());
    }

    /** Names usable in {@code dimensions}: the dimensions and the time grains. */
    public List<String> dimensionNames() {
        List<String> names = new ArrayList<>(dimensions.keySet());
        names.addAll(grains.keySet());
        return names;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
