package com.digitalspiral.api.auth;

import com.digitalspiral.api.errors.ApiProblem;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;
import java.util.Set;

/** Requires a valid API key (Authorization: Bearer …) on every path but the public ones. */
public final class AuthFilter implements Handler {

    static final String ATTRIBUTE = "spiral.caller";
    private static final Set<String> PUBLIC = Set.of("/health", "/metrics", "/openapi.json", "/docs", "/", "/favicon.ico");

    private final ApiKeys keys;

    public AuthFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        if (PUBLIC.contains(ctx.path()) || ctx.path().startsWith("/webjars/") || ctx.path().startsWith("/assets/")) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("send an API key as 'Authorization: Bearer <key>'");
        }
        Optional<Caller> caller = keys.authenticate(header.substring(7).trim());
        if (caller.isEmpty()) {
            throw unauthorized("the API key is unknown or revoked");
        }
        ctx.attribute(ATTRIBUTE, caller.get());
    }

    public static boolean authenticated(Context ctx) {
        return ctx.attribute(ATTRIBUTE) != null;
    }

    /** The authenticated caller of a request that passed this filter. */
    public static Caller caller(Context ctx) {
        Caller c = ctx.attribute(ATTRIBUTE);
        if (c == null) {
            throw unauthorized("no API key");
        }
        return c;
    }

    private static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "unauthorized", "Unauthorized", detail).header("WWW-Authenticate", "Bearer");
    }
}
