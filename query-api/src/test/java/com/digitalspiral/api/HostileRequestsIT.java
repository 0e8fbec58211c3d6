package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input on the running API: thousands of generated requests over every route that takes a body, a
 * path or a query parameter, and raw HTTP that Jetty refuses before the app sees it. Never a 5xx; every error
 * is problem+json whose status is the response's.
 */
class HostileRequestsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DemoData data;
    private static String key;
    private static ApiServer server;
    private static String origin;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void setUp() throws Exception {
        data = new DemoData("hostile", 800);
        key = data.key(data.tenants().get(0), 1_000_000);
        server = new ApiServer(data.apiConfig()).start();
        origin = "http://localhost:" + server.port();
    }

    @AfterAll
    static void tearDown() throws Exception {
        server.close();
        data.close();
    }

    private static HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key);
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", headers.getOrDefault("Content-Type", "application/json"));
            b.method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The contract of every answer: no 5xx; a 4xx is problem+json naming its own status and saying what is wrong. */
    private static void assertAnswered(String what, int status, String contentType, String body) throws Exception {
        assertThat(status).as(what).isLessThan(500);
        if (status >= 400) {
            assertThat(contentType).as(what).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(body);
            assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
            assertThat(problem.path("detail").asText()).as(what).isNotBlank();
            assertThat(body).as(what).doesNotContain("Exception").doesNotContain("at com.");
        }
    }

    @Test
    void thousandsOfGeneratedHostileRequestsGetAnAnswerOrAProblemNeverA5xx() throws Exception {
        List<HostileInputs.Case> cases = new HostileInputs(20261129L).cases(3000);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        Map<String, String> failures = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (HostileInputs.Case c : cases) {
                answers.add(pool.submit(() -> {
                    HttpResponse<String> r;
                    try {
                        r = send(c.method(), c.path(), c.body(), Map.of());
                    } catch (java.io.IOException e) {
                        failures.putIfAbsent(c.toString(), "no answer: " + e);
                        return -1;
                    }
                    try {
                        assertAnswered(c.toString(), r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
                    } catch (AssertionError e) {
                        failures.putIfAbsent(c.toString(), r.statusCode() + " " + r.body());
                    }
                    return r.statusCode();
                }));
            }
            for (Future<Integer> f : answers) {
                byStatus.merge(f.get(), 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("hostile requests: %d in %.1f s, by status %s%n", cases.size(), seconds, byStatus);
        assertThat(failures).as("requests answered with a 5xx or an error that is not problem+json").isEmpty();
        assertThat(byStatus.keySet()).as("the cases reach past validation too").contains(200).contains(400);
    }

    /** Raw HTTP/1.1, as a hostile client writes it: status line, headers and body of the answer. */
    private static String[] raw(String request) throws Exception {
        try (Socket s = new Socket("localhost", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                all.write(buf, 0, n);
                String text = all.toString(StandardCharsets.UTF_8);
                int headEnd = text.indexOf("\r\n\r\n");
                if (headEnd > 0) {
                    String head = text.substring(0, headEnd);
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
                    if (m.find() && text.length() - headEnd - 4 >= Integer.parseInt(m.group(1))) {
                        break;
                    }
                }
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int headEnd = text.indexOf("\r\n\r\n");
            String head = headEnd < 0 ? text : text.substring(0, headEnd);
            String body = headEnd < 0 ? "" : text.substring(headEnd + 4);
            java.util.regex.Matcher type = java.util.regex.Pattern.compile("(?im)^content-type:\\s*(.+)$").matcher(head);
            return new String[] {head.split("\r\n")[0], type.find() ? type.group(1).trim() : "", body};
        }
    }

    @Test
    void errorsJettyRaisesBeforeTheAppAreProblemJsonToo() throws Exception {
        String auth = "Authorization: Bearer " + key + "\r\n";
        Map<String, String> requests = new java.util.LinkedHashMap<>();
        requests.put("bad percent-encoding", "GET /analytics/%zz HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n");
        requests.put("encoded NUL in the path", "GET /analytics/metrics/vel%00ocity HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n");
        requests.put("ambiguous ..;", "GET /analytics/..;/metrics HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n");
        requests.put("encoded slash", "GET /analytics/metrics/a%2Fb HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n");
        requests.put("URI too long", "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        requests.put("headers too large", "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        requests.put("header without a colon", "GET /health HTTP/1.1\r\nHost: x\r\nNoColonHere\r\nConnection: close\r\n\r\n");
        requests.put("no Host header", "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n");
        requests.put("two Content-Lengths", "POST /analytics/run HTTP/1.1\r\nHost: x\r\n" + auth
                + "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{}");
        requests.put("Content-Length not a number", "POST /analytics/run HTTP/1.1\r\nHost: x\r\n" + auth
                + "Content-Type: application/json\r\nContent-Length: abc\r\nConnection: close\r\n\r\n{}");
        requests.put("invented method", "FOOBAR /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        for (Map.Entry<String, String> r : requests.entrySet()) {
            String[] answer = raw(r.getValue());
            int status = Integer.parseInt(answer[0].split(" ")[1]);
            assertThat(status).as(r.getKey() + ": " + answer[0]).isBetween(400, 499);
            assertAnswered(r.getKey(), status, answer[1], answer[2]);
        }
    }

    @Test
    void aNulCharacterAnywhereIsA400AtTheEdgeNotARetryLater() throws Exception {
        for (HttpResponse<String> r : List.of(
                send("GET", "/analytics/jobs?status=a%00b", null, Map.of()),
                send("GET", "/analytics/metrics?q=vel%00", null, Map.of()),
                send("POST", "/analytics/query", "{\"question\": \"velocity of AL\\u0000PHA\"}", Map.of()),
                send("POST", "/analytics/run", "{\"metrics\": [\"velocity\"], \"filters\": [{\"field\": \"project\", \"op\": \"eq\", "
                        + "\"value\": \"AL\\u0000PHA\"}]}", Map.of()))) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).contains("nul-character").contains("U+0000");
            assertThat(r.headers().firstValue("Retry-After")).isEmpty();
        }
        HttpResponse<String> literal = send("POST", "/analytics/translate", "{\"question\": \"velocity \\\\u0000 per project\"}", Map.of());
        assertThat(literal.body()).as("an escaped backslash before u0000 is text, not a NUL").doesNotContain("nul-character");
    }

    @Test
    void aBodyInAnotherCharsetIsA415AndUtf8InAnySpellingIsRead() throws Exception {
        HttpResponse<String> bogus = send("POST", "/analytics/translate", "{\"question\": \"velocity\"}",
                Map.of("Content-Type", "application/json; charset=bogus"));
        assertThat(bogus.statusCode()).isEqualTo(415);
        assertThat(bogus.body()).contains("bogus").contains("UTF-8");
        assertThat(send("POST", "/analytics/translate", "{\"question\": \"velocity\"}",
                Map.of("Content-Type", "application/json; charset=\"UTF-8\"")).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/analytics/translate", "{\"question\": \"velocity\"}",
                Map.of("Content-Type", "application/json; charset=latin1")).statusCode()).isEqualTo(415);
    }

    @Test
    void pagingBeyondAnyJobIsABoundedAnswerNeverAnOverflow() throws Exception {
        HttpResponse<String> submitted = send("POST", "/analytics/jobs",
                "{\"spec\": {\"metrics\": [\"velocity\"], \"dimensions\": [\"project\"]}}", Map.of());
        assertThat(submitted.statusCode()).as(submitted.body()).isBetween(200, 202);
        String id = JSON.readTree(submitted.body()).get("id").asText();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!JSON.readTree(send("GET", "/analytics/jobs/" + id, null, Map.of()).body()).get("status").asText().equals("completed")
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        HttpResponse<String> overflow = send("GET", "/analytics/jobs/" + id + "/result?offset=2147483647&limit=10", null, Map.of());
        assertThat(overflow.statusCode()).isEqualTo(400);
        assertThat(overflow.body()).contains("offset");
        HttpResponse<String> far = send("GET", "/analytics/jobs/" + id + "/result?offset=100000000&limit=10000", null, Map.of());
        assertThat(far.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(far.body()).get("rows").size()).isZero();
    }

    @Test
    void aKeyDifferingOnlyInLetterCaseIsRefusedEvenOnAReusedConnection() throws Exception {
        String other = "dsk_" + swapCase(key.substring(4));
        try (Socket s = new Socket("localhost", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            List<String> statuses = new ArrayList<>();
            for (String k : List.of(key, other, key)) {
                out.write(("GET /analytics/dimensions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + k + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                statuses.add(readResponse(in));
            }
            assertThat(statuses).containsExactly("200", "401", "200");
        }
    }

    @Test
    void inventedMethodsDoNotGrowTheMetricsAndMetricsAreNotOnThePublicPort() throws Exception {
        for (int i = 0; i < 20; i++) {
            raw("M" + i + "XYZ /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        }
        String scrape = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.managementPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(scrape).doesNotContain("XYZ");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(origin + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(404);
    }

    private static String swapCase(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return b.toString();
    }

    /** Reads one response of a kept-alive connection (Content-Length framed) and gives its status code. */
    private static String readResponse(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
        int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        in.readNBytes(length);
        return head.toString().split(" ")[1];
    }
}
