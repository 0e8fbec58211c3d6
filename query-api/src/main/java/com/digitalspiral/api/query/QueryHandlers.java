package com.digitalspiral.api.query;

import com.digitalspiral.api.auth.AuthFilter;
import com.digitalspiral.api.errors.ApiProblem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;

/** POST /analytics/run: reads the spec, answers for the caller's tenant. */
public final class QueryHandlers {

    private final QueryService service;
    private final ObjectMapper json;

    public QueryHandlers(QueryService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    public void run(Context ctx) throws IOException {
        ctx.json(service.run(body(ctx, json), AuthFilter.caller(ctx)));
    }

    /** The request body as JSON, within the mapper's size and nesting limits. */
    public static JsonNode body(Context ctx, ObjectMapper json) throws IOException {
        // the raw header: the servlet's parsed content type throws on an unknown charset (RequestGuard refuses those)
        String type = ctx.header("Content-Type");
        if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiProblem(415, "unsupported-media-type", "Unsupported media type",
                    "send the body as application/json, not " + (type.length() > 60 ? type.substring(0, 60) : type));
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw ApiProblem.badRequest("malformed-json", "the request has no body; send a JSON object");
        }
        return json.readTree(bytes);
    }
}
