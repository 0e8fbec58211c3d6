package com.digitalspiral.api.errors;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches the app (a bad percent-encoding, an ambiguous path such as
 * {@code ..;}, a malformed or oversized header or URI): the same problem+json as every other error of the
 * API, instead of Jetty's HTML page. Installed as the server's and the servlet context's error handler.
 */
public final class JettyProblems extends ErrorHandler {

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String detail = detail(code, message);
        String body = "{\"type\":\"" + ProblemMapper.TYPE_BASE + "http-" + code + "\",\"title\":\"" + escape(title(code))
                + "\",\"status\":" + code + ",\"detail\":\"" + escape(detail) + "\"}";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemMapper.CONTENT_TYPE);
        // Jetty closes the connection after a request it could not read; saying so keeps clients from sending
        // their next request on a connection that is about to go (they would get no answer at all)
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    static String detail(int code, String message) {
        return switch (code) {
            case 414 -> "the URI is longer than the API accepts";
            case 431 -> "the request's headers are larger than the API accepts";
            case 413 -> "the request body is larger than the API accepts";
            case 400 -> "the request could not be read: " + (message == null ? "malformed request" : message);
            default -> message == null ? HttpStatus.getMessage(code) : message;
        };
    }

    private static String title(int code) {
        String t = ProblemMapper.statusTitle(code);
        return t.equals("Error") ? HttpStatus.getMessage(code) : t;
    }

    /** JSON string escaping; Jetty's messages may quote parts of the hostile request. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length() && i < 300; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
