package com.digitalspiral.api.jobs;

import com.digitalspiral.api.errors.ApiProblem;
import io.javalin.http.Context;

/** What the Server-Sent Events routes (job progress, live sprints) ask of a request before they open. */
public final class EventStreams {

    private EventStreams() {}

    /**
     * A client that names no type, or accepts anything ({@code *}{@code /*}, curl's default) or any text, gets the
     * stream; only one whose Accept header lists other types alone is refused (406).
     */
    public static void requireAcceptable(Context ctx) {
        String accept = ctx.header("Accept");
        if (AcceptAnyForStreams.acceptsAnything(accept)
                || java.util.Arrays.stream(accept.split(",")).anyMatch(t -> t.split(";")[0].trim().equalsIgnoreCase("text/event-stream"))) {
            return;
        }
        throw new ApiProblem(406, "not-acceptable", "Not acceptable",
                "this is a Server-Sent Events stream: send 'Accept: text/event-stream'");
    }
}
