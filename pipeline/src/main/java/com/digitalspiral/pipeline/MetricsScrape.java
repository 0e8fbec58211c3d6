package com.digitalspiral.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Flink process's Prometheus endpoint (the text format Flink's reporter writes), for `spiral cluster status`
 * and the tests that check what operators will see. Written here because it is small: the reporter's bundled client
 * only writes the format, and a Prometheus client library to read ten lines would be the larger dependency.
 */
public final class MetricsScrape {

    /** One sample: the metric's name, its labels and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {

        public String label(String key) {
            return labels.getOrDefault(key, "");
        }
    }

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MetricsScrape() {}

    /** The samples of {@code http://host:port/metrics}; IOException when nothing answers there. */
    public static List<Sample> scrape(String host, int port) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("http://" + host + ":" + port + "/metrics answered " + r.statusCode());
        }
        return parse(r.body());
    }

    static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
                }
            }
            out.add(new Sample(m.group(1), Map.copyOf(labels), value(m.group(3))));
        }
        return out;
    }

    private static double value(String v) {
        return switch (v) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(v);
        };
    }

    /** The samples whose name ends with {@code suffix} (Flink prefixes the scope: flink_taskmanager_job_task_operator_…). */
    public static List<Sample> named(List<Sample> samples, String suffix) {
        return samples.stream().filter(s -> s.name().endsWith(suffix)).toList();
    }
}
