package com.digitalspiral.api.ops;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Traces of the API (a request → translate → compile → cache → SQL; job runs) with OpenTelemetry, exported over
 * OTLP/HTTP when {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set (e.g. http://collector:4318), off otherwise. Spans carry
 * the tenant id, routes, statuses, cache results and row counts; never an API key, a question's text or a SQL
 * parameter, which may hold what a user typed.
 */
public final class Tracing implements AutoCloseable {

    public static final AttributeKey<String> TENANT = AttributeKey.stringKey("spiral.tenant_id");
    private static final String SCOPE = "com.digitalspiral.api";

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    private Tracing(OpenTelemetry otel, SdkTracerProvider provider) {
        this.provider = provider;
        this.tracer = otel.getTracer(SCOPE);
    }

    /** OTLP export to the endpoint the environment names, or no tracing at all. */
    public static Tracing fromEnv(Map<String, String> env) {
        String endpoint = env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (endpoint == null || endpoint.isBlank()) {
            return off();
        }
        String traces = endpoint.replaceAll("/+$", "") + "/v1/traces";
        try {
            return exporting(OtlpHttpSpanExporter.builder().setEndpoint(traces).build(), false);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("OTEL_EXPORTER_OTLP_ENDPOINT: '" + endpoint + "' is not an http(s) URL", e);
        }
    }

    public static Tracing off() {
        return new Tracing(OpenTelemetry.noop(), null);
    }

    /**
     * Spans to {@code exporter}: batched for a real collector, one by one (as they end) for tests.
     */
    public static Tracing exporting(SpanExporter exporter, boolean immediately) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), "digital-spiral-api"))))
                .addSpanProcessor(immediately ? SimpleSpanProcessor.create(exporter) : BatchSpanProcessor.builder(exporter).build())
                .build();
        return new Tracing(OpenTelemetrySdk.builder().setTracerProvider(provider).build(), provider);
    }

    public Tracer tracer() {
        return tracer;
    }

    /** Runs {@code work} in a child span of the current one; an exception marks the span failed and goes on. */
    public <T> T in(String name, Attributes attributes, Supplier<T> work) {
        Span span = tracer.spanBuilder(name).setAllAttributes(attributes).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    @Override
    public void close() {
        if (provider != null) {
            provider.close();
        }
    }
}
