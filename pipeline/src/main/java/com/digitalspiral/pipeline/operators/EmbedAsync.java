package com.digitalspiral.pipeline.operators;

import com.digitalspiral.pipeline.model.EmbedRequest;
import com.digitalspiral.pipeline.model.EmbeddingWrite;
import com.digitalspiral.pipeline.model.EmbeddingWrite.Kind;
import com.digitalspiral.store.DbConfig;
import com.digitalspiral.store.embed.EmbeddingConfig;
import com.digitalspiral.store.embed.TextEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds issue text off the task thread: requests queue up for one worker that sends them to the model in
 * batches (a model embeds 32 texts far faster than 32 times one), so the figures' operators never wait on it.
 * Touches and deletes pass straight through. A batch the model keeps failing on (three tries) becomes touches:
 * the old vectors stay, the job runs on, and {@code embeddingFailures} counts them.
 */
public final class EmbedAsync extends RichAsyncFunction<EmbedRequest, EmbeddingWrite> {

    private static final Logger LOG = LoggerFactory.getLogger(EmbedAsync.class);
    private static final int BATCH = 32;
    private static final long GATHER_MS = 10;

    private final EmbeddingConfig config;
    private final DbConfig db;
    private transient TextEmbedder embedder;
    private transient java.sql.Connection connection;
    private transient BlockingQueue<Pending> queue;
    private transient Thread worker;
    private transient volatile boolean running;
    private transient Counter embedded;
    private transient Counter failures;

    private record Pending(EmbedRequest request, ResultFuture<EmbeddingWrite> result) {}

    /**
     * @param db where issue_embeddings is: text whose hash is already stored there (a fresh snapshot, a restart
     *     that lost the gate's state) is not sent to the model again
     */
    public EmbedAsync(EmbeddingConfig config, DbConfig db) {
        this.config = config;
        this.db = db;
    }

    @Override
    public void open(OpenContext ctx) {
        // with embeddings off the branch still writes rows (no vector), so keyword search follows every issue
        embedder = config.enabled() ? config.open() : null;
        queue = new LinkedBlockingQueue<>();
        embedded = getRuntimeContext().getMetricGroup().counter("issuesEmbedded");
        failures = getRuntimeContext().getMetricGroup().counter("embeddingFailures");
        running = true;
        worker = new Thread(this::work, "embedder-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void close() throws Exception {
        running = false;
        if (worker != null) {
            worker.interrupt();
            worker.join(5_000);
        }
        if (embedder != null) {
            embedder.close();
        }
        if (connection != null) {
            connection.close();
        }
    }

    @Override
    public void asyncInvoke(EmbedRequest r, ResultFuture<EmbeddingWrite> result) {
        if (r.kind() != Kind.UPSERT) {
            result.complete(List.of(passThrough(r)));
            return;
        }
        if (embedder == null) {
            result.complete(List.of(new EmbeddingWrite(Kind.UPSERT, r.issueId(), r.tenantId(), config.model(), 0, null,
                    r.textHash(), r.sourceTs())));
            return;
        }
        queue.add(new Pending(r, result));
    }

    @Override
    public void timeout(EmbedRequest r, ResultFuture<EmbeddingWrite> result) {
        failures.inc();
        LOG.warn("embedding issue {} took too long; its old vector stays", r.issueId());
        result.complete(List.of(touch(r)));
    }

    private void work() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GATHER_MS);
                while (batch.size() < BATCH) {
                    Pending next = queue.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                embed(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void embed(List<Pending> all) throws InterruptedException {
        java.util.Map<String, String> stored = storedHashes(all);
        List<Pending> batch = new ArrayList<>(all.size());
        for (Pending p : all) {
            if (p.request().textHash().equals(stored.get(p.request().issueId()))) {
                p.result().complete(List.of(touch(p.request())));
            } else {
                batch.add(p);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        List<String> texts = batch.stream().map(p -> p.request().text()).toList();
        Exception last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                List<float[]> vectors = embedder.embed(texts);
                for (int i = 0; i < batch.size(); i++) {
                    EmbedRequest r = batch.get(i).request();
                    batch.get(i).result().complete(List.of(new EmbeddingWrite(Kind.UPSERT, r.issueId(), r.tenantId(),
                            embedder.model(), embedder.dimensions(), vectors.get(i), r.textHash(), r.sourceTs())));
                }
                embedded.inc(batch.size());
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
                Thread.sleep(500L << attempt);
            }
        }
        failures.inc(batch.size());
        LOG.warn("the embedding model failed three times on {} issues; their old vectors stay: {}", batch.size(),
                last == null ? "" : last.toString());
        for (Pending p : batch) {
            p.result().complete(List.of(touch(p.request())));
        }
    }

    /** The text hashes issue_embeddings holds for these issues; empty when the database cannot say. */
    private java.util.Map<String, String> storedHashes(List<Pending> batch) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        try {
            if (connection == null || !connection.isValid(2)) {
                connection = db.connect();
            }
            try (java.sql.PreparedStatement ps = connection.prepareStatement(
                    "SELECT issue_id::text, text_hash FROM issue_embeddings WHERE issue_id = ANY(?::uuid[]) AND model = ? AND NOT deleted")) {
                ps.setQueryTimeout(10);
                ps.setArray(1, connection.createArrayOf("text", batch.stream().map(p -> p.request().issueId()).toArray()));
                ps.setString(2, config.model());
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            LOG.debug("could not read stored text hashes; embedding the batch: {}", e.toString());
            connection = null;
        }
        return out;
    }

    private EmbeddingWrite passThrough(EmbedRequest r) {
        return new EmbeddingWrite(r.kind(), r.issueId(), r.tenantId(), config.model(), 0, null, null, r.sourceTs());
    }

    private EmbeddingWrite touch(EmbedRequest r) {
        return new EmbeddingWrite(Kind.TOUCH, r.issueId(), r.tenantId(), config.model(), 0, null, null, r.sourceTs());
    }
}
