package com.digitalspiral.api.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves the browser workspace built into {@code web/dist}: {@code /} is its page, under a strict
 * Content-Security-Policy (scripts only from this origin, none inline, no eval: the charts run Vega's expression
 * interpreter) and never cached; {@code /assets/…} are the content-hashed files, cached for a year. Written by
 * hand rather than with Javalin's static files because the two paths need different caching and the page its
 * policy, and because a name is checked against a strict pattern before the disk is touched.
 */
public final class WebApp {

    /** The page's policy; styles may be inline (React style props, Vega's tooltips), scripts may not. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png", "woff2", "font/woff2",
            "json", "application/json", "ico", "image/x-icon");

    private final Path dist;

    private WebApp(Path dist) {
        this.dist = dist;
    }

    /** The built app: SPIRAL_WEB_DIR, else web/dist from the checkout (or from a module folder, as tests run). */
    public static Optional<WebApp> locate(Map<String, String> env) {
        String configured = env.get("SPIRAL_WEB_DIR");
        for (String candidate : configured != null && !configured.isBlank()
                ? new String[] {configured} : new String[] {"web/dist", "../web/dist"}) {
            Path p = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isRegularFile(p.resolve("index.html"))) {
                return Optional.of(new WebApp(p));
            }
        }
        return Optional.empty();
    }

    public void page(Context ctx) throws IOException {
        ctx.header("Content-Security-Policy", CSP).header("Cache-Control", "no-cache")
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                .contentType("text/html; charset=utf-8").result(Files.readAllBytes(dist.resolve("index.html")));
    }

    public void asset(Context ctx) throws IOException {
        String name = ctx.pathParam("file");
        Path file = dist.resolve("assets").resolve(name);
        if (!ASSET.matcher(name).matches() || name.startsWith(".") || !Files.isRegularFile(file)) {
            throw new com.digitalspiral.api.errors.ApiProblem(404, "not-found", "Not found", "no such file of the web app: " + name);
        }
        String ext = name.substring(name.lastIndexOf('.') + 1);
        ctx.header("Cache-Control", "public, max-age=31536000, immutable").header("X-Content-Type-Options", "nosniff")
                .contentType(TYPES.getOrDefault(ext, "application/octet-stream")).result(Files.readAllBytes(file));
    }
}
