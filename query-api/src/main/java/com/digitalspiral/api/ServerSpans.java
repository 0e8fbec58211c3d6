package com.digitalspiral.api;

import com.digitalspiral.api.ops.Tracing;
import io.javalin.http.Context;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

/**
 * One server span per request, current while its handlers run so that translate, compile, cache and SQL spans
 * become its children. Named and labelled at the end, when the route and the caller are known; the query string and
 * body are never recorded. Opened in the first before-handler and closed in the after-handler, which Javalin runs on
 * the request's thread; a request finished on another thread ends its span without touching that thread's context.
 */
final class ServerSpans {

    private static final String SPAN = "spiral.span";
    private static final String SCOPE = "spiral.span.scope";
    private static final String THREAD = "spiral.span.thread";

    private ServerSpans() {}

    static void open(Context ctx, Tracing tracing) {
        Span span = tracing.tracer().spanBuilder(ctx.method().name()).setSpanKind(SpanKind.SERVER).setNoParent().startSpan();
        ctx.attribute(SPAN, span);
        ctx.attribute(SCOPE, span.makeCurrent());
        ctx.attribute(THREAD, Thread.currentThread());
    }

    /** @param tenant the caller's tenant, null for a request that did not authenticate */
    static void close(Context ctx, String method, String route, String tenant) {
        Span span = ctx.attribute(SPAN);
        if (span == null) {
            return;
        }
        ctx.attribute(SPAN, null);
        span.updateName(method + " " + route);
        span.setAttribute("http.request.method", method);
        span.setAttribute("http.route", route);
        span.setAttribute("http.response.status_code", (long) ctx.statusCode());
        if (tenant != null) {
            span.setAttribute(Tracing.TENANT, tenant);
        }
        if (ctx.statusCode() >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        Scope scope = ctx.attribute(SCOPE);
        if (scope != null && ctx.attribute(THREAD) == Thread.currentThread()) {
            scope.close();
        }
        span.end();
    }
}
