package com.digitalspiral.api.errors;

import java.nio.ByteBuffer;
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

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        byte[] body;
        try {
            // no instance: the path of a request Jetty could not read may itself be what is wrong
            body = JSON.writeValueAsBytes(ProblemMapper.body(new ApiProblem(code, "http-" + code, title(code), detail(code, message)), null));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            body = new byte[0];
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemMapper.CONTENT_TYPE);
        // Jetty closes the connection after a request it could not read; saying so keeps clients from sending
        // their next request on a connection that is about to go (they would get no answer at all)
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    static String detail(int code, String reason) {
        // Jetty's reasons are short; a cap keeps any that quote the request from echoing much of it
        String message = reason == null || reason.length() <= 200 ? reason : reason.substring(0, 200) + "…";
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
}
