package com.digitalspiral.api.ops;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3.1 document (written by hand: the Javalin OpenAPI plugin served here supports Javalin 6 only)
 * and a page rendering it with Swagger UI from its webjar.
 */
public final class ApiDocs {

    private static final byte[] OPENAPI = resource("/openapi.json");
    private static final byte[] PAGE = resource("/docs.html");

    private ApiDocs() {}

    public static void openApi(Context ctx) {
        ctx.contentType("application/json").result(OPENAPI);
    }

    public static void page(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(PAGE);
    }

    private static byte[] resource(String name) {
        try (InputStream in = ApiDocs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
