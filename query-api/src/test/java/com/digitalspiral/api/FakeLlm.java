package com.digitalspiral.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server speaking a provider's chat protocol (OpenAI's /v1/chat/completions or Anthropic's
 * /v1/messages) with canned replies, recording what it was sent. No model is reachable from here.
 */
final class FakeLlm implements AutoCloseable {

    enum Protocol { OPENAI, ANTHROPIC }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final Protocol protocol;
    final ConcurrentLinkedDeque<String> replies = new ConcurrentLinkedDeque<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> paths = new CopyOnWriteArrayList<>();
    volatile long delayMs;
    /** Send the headers and half the body, then stall this long before the rest (0: no stall). */
    volatile long stallAfterHeadersMs;
    /** Send the body one byte at a time, this long apart (0: all at once). */
    volatile long trickleMs;

    FakeLlm(Protocol protocol) throws IOException {
        this.protocol = protocol;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // many stalled exchanges at once, as a provider under trouble would hold them
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(body);
            paths.add(exchange.getRequestURI().getPath());
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String reply = replies.isEmpty() ? "{\"cannot_answer\": \"no canned reply\"}" : replies.poll();
            byte[] out = JSON.writeValueAsBytes(envelope(reply));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            try {
                exchange.sendResponseHeaders(200, out.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    if (stallAfterHeadersMs > 0) {
                        os.write(out, 0, out.length / 2);
                        os.flush();
                        Thread.sleep(stallAfterHeadersMs);
                        os.write(out, out.length / 2, out.length - out.length / 2);
                    } else if (trickleMs > 0) {
                        for (byte b : out) {
                            os.write(b);
                            os.flush();
                            Thread.sleep(trickleMs);
                        }
                    } else {
                        os.write(out);
                    }
                }
            } catch (IOException gone) {
                // the client timed out and left
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    private ObjectNode envelope(String text) {
        ObjectNode n = JSON.createObjectNode();
        if (protocol == Protocol.OPENAI) {
            n.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1).put("model", "fake");
            ObjectNode choice = n.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", text);
            n.putObject("usage").put("prompt_tokens", 1).put("completion_tokens", 1).put("total_tokens", 2);
        } else {
            n.put("id", "msg_1").put("type", "message").put("role", "assistant").put("model", "fake")
                    .put("stop_reason", "end_turn").putNull("stop_sequence");
            n.putArray("content").addObject().put("type", "text").put("text", text);
            n.putObject("usage").put("input_tokens", 1).put("output_tokens", 1);
        }
        return n;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1" + (protocol == Protocol.ANTHROPIC ? "/" : "");
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
