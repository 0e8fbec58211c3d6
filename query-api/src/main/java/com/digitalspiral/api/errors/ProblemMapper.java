package com.digitalspiral.api.errors;

import com.digitalspiral.catalog.spec.SpecValidationException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place exceptions become HTTP answers: {@code application/problem+json} (RFC 9457) with a
 * {@code type} URI under {@link #TYPE_BASE}. Bad input is a 4xx naming the problem; anything unexpected is
 * logged and answered with a 500 that leaks nothing.
 */
public final class ProblemMapper {

    public static final String TYPE_BASE = "https://digitalspiral.dev/problems/";
    public static final String CONTENT_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    private final ObjectMapper json;
    private final Consumer<String> onValidationError;

    /** @param onValidationError told of each rejected spec (counts analytics_spec_validation_errors_total) */
    public ProblemMapper(ObjectMapper json, Consumer<String> onValidationError) {
        this.json = json;
        this.onValidationError = onValidationError;
    }

    public void register(RoutesConfig routes) {
        routes.exception(ApiProblem.class, (e, ctx) -> write(ctx, e));
        routes.exception(SpecValidationException.class, (e, ctx) -> {
            onValidationError.accept("spec");
            write(ctx, invalidSpec(e));
        });
        routes.exception(com.digitalspiral.api.translate.Translation.CannotAnswer.class, (e, ctx) ->
                write(ctx, new ApiProblem(422, "cannot-answer", "Cannot answer", e.getMessage())
                        .with("suggestions", e.suggestions())));
        routes.exception(StreamConstraintsException.class, (e, ctx) ->
                write(ctx, ApiProblem.badRequest("request-too-complex", "the JSON body is too deeply nested or too large: "
                        + e.getOriginalMessage())));
        routes.exception(JsonProcessingException.class, (e, ctx) ->
                write(ctx, ApiProblem.badRequest("malformed-json", "the body is not valid JSON: " + e.getOriginalMessage())));
        routes.exception(HttpResponseException.class, (e, ctx) ->
                write(ctx, new ApiProblem(e.getStatus(), "http-" + e.getStatus(), statusTitle(e.getStatus()), e.getMessage())));
        routes.exception(java.sql.SQLException.class, (e, ctx) -> {
            LOG.warn("database failure on {} {}: {}", ctx.method(), ctx.path(), e.toString());
            write(ctx, new ApiProblem(503, "database-unavailable", "Service unavailable",
                    "the database could not answer in time; retry shortly").header("Retry-After", "5"));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, new ApiProblem(500, "internal", "Internal error", "the server failed to answer; the failure is logged"));
        });
        for (int status : new int[] {404, 405, 413}) {
            routes.error(status, "*", ctx -> {
                if (!CONTENT_TYPE.equals(ctx.res().getContentType())) {
                    write(ctx, new ApiProblem(status, "http-" + status, statusTitle(status), status == 413
                            ? "the request body is larger than the API accepts" : "no such resource: " + ctx.method() + " " + ctx.path()));
                }
            });
        }
    }

    static ApiProblem invalidSpec(SpecValidationException e) {
        List<Map<String, Object>> errors = e.errors().stream().map(err -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pointer", err.pointer());
            m.put("detail", err.message());
            if (err.suggestion() != null) {
                m.put("suggestion", err.suggestion());
            }
            return m;
        }).toList();
        return ApiProblem.badRequest("invalid-spec", e.getMessage()).with("errors", errors);
    }

    public void write(Context ctx, ApiProblem p) {
        p.headers().forEach(ctx::header);
        try {
            ctx.status(p.status()).contentType(CONTENT_TYPE).result(json.writeValueAsBytes(body(p, ctx.path())));
        } catch (JsonProcessingException e) {
            ctx.status(500).result("");
        }
    }

    /** The problem document (RFC 9457) of a problem; {@code instance} may be null when the path is unreadable. */
    static Map<String, Object> body(ApiProblem p, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + p.type());
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("detail", p.getMessage());
        if (instance != null) {
            body.put("instance", instance);
        }
        body.putAll(p.extensions());
        return body;
    }

    static String statusTitle(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Request too large";
            case 415 -> "Unsupported media type";
            case 422 -> "Cannot answer";
            case 429 -> "Too many requests";
            case 503 -> "Service unavailable";
            default -> "Error";
        };
    }
}
