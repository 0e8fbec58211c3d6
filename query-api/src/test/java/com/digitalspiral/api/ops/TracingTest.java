package com.digitalspiral.api.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TracingTest {

    @Test
    void withAnOtlpEndpointSpansArePostedToItsTracesPathAsProtobuf() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " " + new String(body, StandardCharsets.ISO_8859_1));
            exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse
            exchange.close();
        });
        collector.start();
        try {
            Tracing tracing = Tracing.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort() + "/"));
            tracing.in("compile", io.opentelemetry.api.common.Attributes.of(Tracing.TENANT, "t-1"), () -> 1);
            tracing.close(); // flushes the batch
            assertThat(received).hasSize(1);
            assertThat(received.get(0)).startsWith("POST /v1/traces application/x-protobuf")
                    .contains("digital-spiral-api", "compile", "spiral.tenant_id", "t-1");
        } finally {
            collector.stop(0);
        }
    }

    @Test
    void withoutAnEndpointNothingIsRecordedAndABadOneIsNamed() {
        Tracing off = Tracing.fromEnv(Map.of());
        assertThat(off.in("compile", io.opentelemetry.api.common.Attributes.empty(), () -> "ran")).isEqualTo("ran");
        assertThat(off.tracer().spanBuilder("x").startSpan().getSpanContext().isValid()).isFalse();
        assertThatThrownBy(() -> Tracing.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318")))
                .hasMessageContaining("OTEL_EXPORTER_OTLP_ENDPOINT");
    }
}
