package com.digitalspiral.api.translate;

import com.digitalspiral.catalog.Catalog;
import com.digitalspiral.catalog.spec.SpecValidationException;
import com.digitalspiral.catalog.spec.SpecValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a language model (through langchain4j) for a spec: the prompt carries the catalog and the tenant's names,
 * the reply must be JSON, and it is validated like any spec. Validation errors go back to the model for at most
 * {@link #REPAIRS} repairs, then the question is refused; a timeout or provider error falls back to the offline
 * translator. The model never writes SQL. The offline reader's guards run first (a request to change data or
 * to see another organisation's figures never reaches the model), and a valid spec is also held to what the
 * wording pins down ({@link ShapeCheck}): disagreements go back for repair, and a spec the model keeps after
 * the repairs is answered with lower confidence and the disagreement in its explanation.
 */
public final class LlmTranslator implements QuestionTranslator, AutoCloseable {

    static final int REPAIRS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(LlmTranslator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final ChatModel model;
    private final TranslationPrompt prompt;
    private final SpecValidator validator;
    private final TenantLinker linker;
    private final OfflineTranslator fallback;
    private final Clock clock;
    private final Catalog catalog;
    private final ShapeCheck shapes;

    private final Duration deadline;
    private final ProviderGate gate;

    public LlmTranslator(String name, ChatModel model, Catalog catalog, SpecValidator validator, TenantLinker linker,
                         OfflineTranslator fallback, Clock clock, Duration deadline, int concurrency) {
        this.deadline = deadline;
        // five failures in a row keep questions off the provider for 30 s: each would otherwise wait out the deadline
        this.gate = new ProviderGate(concurrency, 5, Duration.ofSeconds(30), clock);
        this.name = name;
        this.model = model;
        this.prompt = new TranslationPrompt(catalog);
        this.validator = validator;
        this.linker = linker;
        this.fallback = fallback;
        this.clock = clock;
        this.catalog = catalog;
        this.shapes = new ShapeCheck(catalog);
    }

    @Override
    public Translation translate(String question, UUID tenant) throws Exception {
        if (question == null || question.isBlank() || question.length() > 500) {
            return fallback.translate(question, tenant);
        }
        // the offline reading first: its firm refusals (writes, other organisations, forecasts) never reach the
        // model, and it is the answer if the model cannot give one
        Translation reading = fallback.reading(question, tenant).orElse(null);
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(prompt.render(LocalDate.now(clock.withZone(ZoneOffset.UTC)), linker.names(tenant))));
        messages.add(UserMessage.from(question));
        String problem = null;
        ObjectNode disputed = null;
        String disputedExplanation = null;
        Instant until = clock.instant().plus(deadline);
        for (int attempt = 0; attempt <= REPAIRS; attempt++) {
            String reply;
            try {
                List<ChatMessage> sent = List.copyOf(messages);
                reply = gate.call(() -> model.chat(sent).aiMessage().text(), until);
            } catch (ProviderGate.Unavailable e) {
                LOG.warn("{} unavailable ({}); answering with the offline translator", name, e.getMessage());
                if (disputed != null) {
                    // a valid spec the wording disagrees with is still an answer; the deadline ends the repairs
                    return translation(disputed, disputedExplanation + " (read differently from the wording: " + problem + ")", 0.6);
                }
                Translation t = reading != null ? reading : fallback.translate(question, tenant);
                return new Translation(t.spec(), t.explanation(), "offline (" + name + " unavailable)", t.confidence(), t.shape());
            }
            messages.add(AiMessage.from(reply == null ? "" : reply));
            try {
                JsonNode answer = JSON.readTree(stripFences(reply));
                if (answer.has("cannot_answer")) {
                    throw new Translation.CannotAnswer(answer.get("cannot_answer").asText("cannot answer"),
                            fallback.suggestions(question));
                }
                JsonNode spec = answer.get("spec");
                if (spec == null || !spec.isObject()) {
                    problem = "the reply has no \"spec\" object";
                } else {
                    validator.validate(spec);
                    String explanation = answer.path("explanation").asText("");
                    List<String> shape = reading == null ? List.of() : shapes.problems(spec, reading.spec());
                    if (shape.isEmpty()) {
                        return translation((ObjectNode) spec, explanation, attempt == 0 ? 0.9 : 0.8);
                    }
                    // valid, but read differently from the wording: ask once more; keep it if the model insists
                    disputed = (ObjectNode) spec;
                    disputedExplanation = explanation;
                    problem = "it reads the question differently from its wording: " + String.join("; ", shape);
                }
            } catch (SpecValidationException e) {
                problem = String.join("; ", e.errors().stream().map(err -> err.pointer() + ": " + err.message()).toList());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                problem = "the reply is not JSON: " + e.getOriginalMessage();
            }
            messages.add(UserMessage.from("That reply cannot be used as it is: " + problem
                    + ". Reply again with only the corrected JSON object."));
        }
        if (disputed != null) {
            return translation(disputed, disputedExplanation + " (read differently from the wording: " + problem + ")", 0.6);
        }
        throw new Translation.CannotAnswer("the " + name + " model did not produce a valid spec (" + problem + ")",
                fallback.suggestions(question));
    }

    @Override
    public java.util.Map<String, Object> status() {
        java.util.Map<String, Object> s = new java.util.LinkedHashMap<>();
        s.put("reader", name);
        s.putAll(gate.status());
        return s;
    }

    @Override
    public void close() {
        gate.close();
    }

    private Translation translation(ObjectNode spec, String explanation, double confidence) {
        return new Translation(spec, explanation, name, confidence,
                QuestionShape.of(spec, catalog).name().toLowerCase(java.util.Locale.ROOT));
    }

    private static String stripFences(String reply) {
        if (reply == null) {
            return "";
        }
        String t = reply.trim();
        if (t.startsWith("```")) {
            t = t.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", "");
        }
        int start = t.indexOf('{');
        int end = t.lastIndexOf('}');
        return start >= 0 && end > start ? t.substring(start, end + 1) : t;
    }
}
