package com.digitalspiral.api.search;

import com.digitalspiral.api.auth.AuthFilter;
import com.digitalspiral.api.errors.ApiProblem;
import com.digitalspiral.api.query.QueryHandlers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;

/** POST /analytics/search and GET /analytics/issues/{key}/similar: read the request, answer for the caller's tenant. */
public final class SearchHandlers {

    private final SearchService service;
    private final ObjectMapper json;

    public SearchHandlers(SearchService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    public void search(Context ctx) throws IOException {
        JsonNode body = QueryHandlers.body(ctx, json);
        SearchRequest request = SearchRequests.read(body);
        SearchService.Result r = service.search(AuthFilter.caller(ctx).tenantId(), request);
        ctx.json(Map.of("hits", r.hits(), "meta", r.meta()));
    }

    public void similar(Context ctx) throws IOException {
        String key = ctx.pathParam("key");
        if (!SearchRequests.ISSUE_KEY.matcher(key).matches()) {
            throw ApiProblem.badRequest("invalid-issue-key", "'" + SearchRequests.clip(key) + "' is not an issue key such as ALPHA-12");
        }
        int limit = SearchRequests.limit(ctx.queryParam("limit"));
        SearchService.Result r = service.similar(AuthFilter.caller(ctx).tenantId(), key, limit);
        ctx.json(Map.of("hits", r.hits(), "meta", r.meta()));
    }
}
