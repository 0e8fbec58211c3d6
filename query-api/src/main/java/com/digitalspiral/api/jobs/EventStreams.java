package com.digitalspiral.api.jobs;

import com.digitalspiral.api.errors.ApiProblem;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What the Server-Sent Events routes (job progress, live sprints) ask of a request before they open. */
public final class EventStreams {

    private EventStreams() {}

    /**
     * A client that names no type, or accepts anything ({@code *}{@code /*}, curl's default) or any text, gets the
     * stream; only one whose Accept header lists other types alone is refused (406).
     */
    public static void requireAcceptable(Context ctx) {
        String accept = ctx.header("Accept");
        if (!acceptsAnything(accept) && !mediaTypes(accept).contains("text/event-stream")) {
            throw new ApiProblem(406, "not-acceptable", "Not acceptable",
                    "this is a Server-Sent Events stream: send 'Accept: text/event-stream'");
        }
    }

    /** No Accept header, or one that names any type or any text. */
    static boolean acceptsAnything(String accept) {
        List<String> types = mediaTypes(accept);
        return types.isEmpty() || types.contains("*/*") || types.contains("text/*");
    }

    /** The media types an Accept header lists, lower case, without their parameters. */
    static List<String> mediaTypes(String accept) {
        if (accept == null || accept.isBlank()) {
            return List.of();
        }
        return Arrays.stream(accept.split(",")).map(part -> part.split(";")[0].trim().toLowerCase(Locale.ROOT)).toList();
    }
}
