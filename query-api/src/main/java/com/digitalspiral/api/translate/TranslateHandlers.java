package com.digitalspiral.api.translate;

import com.digitalspiral.api.auth.AuthFilter;
import com.digitalspiral.api.auth.Caller;
import com.digitalspiral.api.errors.ApiProblem;
import com.digitalspiral.api.query.QueryHandlers;
import com.digitalspiral.api.query.QueryService;
import com.digitalspiral.api.query.RunResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** POST /analytics/translate (question → spec) and /analytics/query (question → spec → answer). */
public final class TranslateHandlers {

    private final QuestionTranslator translator;
    private final QueryService queries;
    private final ObjectMapper json;
    private final SearchRoute search;

    /** Questions that ask for issues by what they are about: answered by search, not by a spec. */
    @FunctionalInterface
    public interface SearchRoute {
        /** The search's answer, or empty when the question does not ask for one. */
        java.util.Optional<Map<String, Object>> answer(String question, java.util.UUID tenant) throws Exception;
    }

    public TranslateHandlers(QuestionTranslator translator, QueryService queries, ObjectMapper json, SearchRoute search) {
        this.translator = translator;
        this.queries = queries;
        this.json = json;
        this.search = search;
    }

    public void translate(Context ctx) throws Exception {
        Caller caller = AuthFilter.caller(ctx);
        Translation t = translator.translate(question(ctx), caller.tenantId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("spec", t.spec());
        body.put("explanation", t.explanation());
        body.put("translator", t.translator());
        body.put("confidence", t.confidence());
        body.put("shape", t.shape());
        ctx.json(body);
    }

    public void query(Context ctx) throws Exception {
        Caller caller = AuthFilter.caller(ctx);
        String question = question(ctx);
        java.util.Optional<Map<String, Object>> found = search.answer(question, caller.tenantId());
        if (found.isPresent()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("question", question);
            body.put("kind", "search");
            body.putAll(found.get());
            ctx.json(body);
            return;
        }
        Translation t = translator.translate(question, caller.tenantId());
        RunResponse r = queries.run(t.spec(), caller);
        Map<String, Object> meta = json.convertValue(r.meta(), Map.class);
        meta.put("translator", t.translator());
        meta.put("confidence", t.confidence());
        meta.put("shape", t.shape());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("question", question);
        body.put("kind", "figures");
        body.put("spec", t.spec());
        body.put("explanation", t.explanation());
        body.put("sql", r.sql());
        body.put("params", r.params());
        body.put("columns", r.columns());
        body.put("rows", r.rows());
        body.put("meta", meta);
        ctx.json(body);
    }

    private String question(Context ctx) throws Exception {
        JsonNode body = QueryHandlers.body(ctx, json);
        JsonNode q = body.get("question");
        if (q == null || !q.isTextual()) {
            throw ApiProblem.badRequest("invalid-question", "send {\"question\": \"…\"}").with("pointer", "/question");
        }
        return q.textValue();
    }
}
