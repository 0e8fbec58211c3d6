package com.digitalspiral.api.jobs;

import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Javalin opens a Server-Sent Events stream only for a request whose Accept header names
 * {@code text/event-stream}; a client that accepts anything ({@code *}{@code /*}, curl's default) or names no
 * type would get an empty 200. On the stream routes, this says for such a client what it accepts, before
 * Javalin looks. Clients that list only other types are left alone (and refused with 406 by
 * {@link EventStreams}).
 */
public final class AcceptAnyForStreams extends Handler.Wrapper {

    private final Predicate<String> streamPath;

    public AcceptAnyForStreams(Predicate<String> streamPath) {
        this.streamPath = streamPath;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (streamPath.test(Request.getPathInContext(request)) && EventStreams.acceptsAnything(request.getHeaders().get(HttpHeader.ACCEPT))) {
            HttpFields headers = HttpFields.build(request.getHeaders()).put(HttpHeader.ACCEPT, "text/event-stream");
            request = new Request.Wrapper(request) {
                @Override
                public HttpFields getHeaders() {
                    return headers;
                }
            };
        }
        return super.handle(request, response, callback);
    }
}
