package com.digitalspiral.api.translate;

import java.util.UUID;

/**
 * Counts every translation by who read it and how it ended, for operators: {@code reader} is {@code offline} (no
 * language model configured), {@code llm} (the model's reading) or {@code fallback} (the model was unavailable, so the
 * offline reader answered); {@code outcome} is {@code answered} or {@code refused}. An alert watches the share of
 * fallbacks.
 */
public final class CountedTranslator implements QuestionTranslator, AutoCloseable {

    /** Where the counts go (the API's metrics). */
    public interface Counts {
        void translated(String reader, String outcome);
    }

    private final QuestionTranslator inner;
    private final boolean model;
    private final Counts counts;
    private final com.digitalspiral.api.ops.Tracing tracing;

    /** @param model whether {@code inner} asks a language model */
    public CountedTranslator(QuestionTranslator inner, boolean model, Counts counts) {
        this(inner, model, counts, com.digitalspiral.api.ops.Tracing.off());
    }

    /** @param tracing where the "translate" span goes: who read the question and how, never its text */
    public CountedTranslator(QuestionTranslator inner, boolean model, Counts counts, com.digitalspiral.api.ops.Tracing tracing) {
        this.inner = inner;
        this.model = model;
        this.counts = counts;
        this.tracing = tracing;
    }

    @Override
    public Translation translate(String question, UUID tenant) throws Exception {
        io.opentelemetry.api.trace.Span span = tracing.tracer().spanBuilder("translate")
                .setAttribute(com.digitalspiral.api.ops.Tracing.TENANT, String.valueOf(tenant)).startSpan();
        try (io.opentelemetry.context.Scope ignored = span.makeCurrent()) {
            Translation t = inner.translate(question, tenant);
            String reader = reader(t.translator());
            counts.translated(reader, "answered");
            span.setAttribute("spiral.reader", reader);
            span.setAttribute("spiral.outcome", "answered");
            if (t.shape() != null) {
                span.setAttribute("spiral.shape", t.shape());
            }
            span.setAttribute("spiral.confidence", t.confidence());
            return t;
        } catch (Translation.CannotAnswer refused) {
            counts.translated(model ? "llm" : "offline", "refused");
            span.setAttribute("spiral.outcome", "refused");
            throw refused;
        } finally {
            span.end();
        }
    }

    /** The reader of a translation, from what it says answered: "offline (openai unavailable)" is a fallback. */
    String reader(String translator) {
        if (!model) {
            return "offline";
        }
        return translator != null && translator.startsWith("offline") ? "fallback" : "llm";
    }

    @Override
    public java.util.Map<String, Object> status() {
        return inner.status();
    }

    @Override
    public void close() throws Exception {
        if (inner instanceof AutoCloseable c) {
            c.close();
        }
    }
}
