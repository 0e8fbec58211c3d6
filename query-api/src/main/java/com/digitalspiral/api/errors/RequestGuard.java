package com.digitalspiral.api.errors;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Locale;

/**
 * Checks every request before routing for what no field of the API accepts, so that it is refused here with a
 * 4xx naming the problem instead of failing deeper down: a NUL character (Postgres text cannot hold U+0000,
 * and a query carrying one would fail again on every retry) in the path, the query string or a JSON body,
 * and a body declared in a charset other than UTF-8 (JSON is UTF-8, RFC 8259).
 */
public final class RequestGuard implements Handler {

    @Override
    public void handle(Context ctx) {
        if (ctx.path().indexOf('\0') >= 0) {
            throw nul("the path");
        }
        String query = ctx.queryString();
        if (query != null && (query.contains("%00") || query.indexOf('\0') >= 0)) {
            throw nul("a query parameter");
        }
        String contentType = ctx.header("Content-Type");
        if (contentType != null) {
            String charset = charset(contentType);
            if (charset != null && !charset.equals("utf-8") && !charset.equals("utf8")) {
                throw new ApiProblem(415, "unsupported-charset", "Unsupported media type",
                        "the body's charset '" + printable(charset) + "' is not supported: send JSON in UTF-8");
            }
            if (contentType.toLowerCase(Locale.ROOT).startsWith("application/json") && hasNul(ctx.bodyAsBytes())) {
                throw nul("the JSON body");
            }
        }
    }

    private static ApiProblem nul(String where) {
        return ApiProblem.badRequest("nul-character", where + " contains a NUL character (U+0000), which no field accepts");
    }

    /** The charset parameter of a Content-Type header, lower case and unquoted; null when there is none. */
    static String charset(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String v = p.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v.toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /**
     * A raw NUL byte, or the JSON escape {@code \u0000} that is not itself an escaped backslash followed by
     * "u0000" (an even run of backslashes before the 'u' is literal text).
     */
    static boolean hasNul(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                return true;
            }
            if (body[i] == '\\' && i + 5 < body.length && body[i + 1] == 'u' && body[i + 2] == '0' && body[i + 3] == '0'
                    && body[i + 4] == '0' && body[i + 5] == '0') {
                int run = 0;
                for (int j = i; j >= 0 && body[j] == '\\'; j--) {
                    run++;
                }
                if (run % 2 == 1) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String printable(String s) {
        return (s.length() > 40 ? s.substring(0, 40) : s).replaceAll("\\p{Cntrl}", "?");
    }
}
