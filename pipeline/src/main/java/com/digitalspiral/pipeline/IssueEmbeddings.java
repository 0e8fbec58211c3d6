package com.digitalspiral.pipeline;

import com.digitalspiral.pipeline.decode.IssueTextDecoder;
import com.digitalspiral.pipeline.model.EmbedRequest;
import com.digitalspiral.pipeline.model.EmbeddingWrite;
import com.digitalspiral.pipeline.model.IssueText;
import com.digitalspiral.pipeline.operators.EmbedAsync;
import com.digitalspiral.pipeline.operators.EmbeddingGate;
import com.digitalspiral.store.DbConfig;
import com.digitalspiral.store.embed.EmbeddingConfig;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The branch of the job that keeps issue_embeddings: an issue's summary and description are embedded when
 * their hash changes (a status change does not re-embed), on their own chain and worker thread, so the
 * figures never wait on the model.
 */
public final class IssueEmbeddings {

    /** Longest one issue may wait for its vector before it is written as a touch (old vector kept). */
    private static final long EMBED_TIMEOUT_MINUTES = 5;
    /** Issues in flight to the model at once per subtask; more back-pressure the branch, not the figures. */
    private static final int IN_FLIGHT = 256;

    private final EmbeddingConfig config;
    private final DbConfig db;
    private final Sink<EmbeddingWrite> sink;

    public IssueEmbeddings(EmbeddingConfig config, DbConfig db, Sink<EmbeddingWrite> sink) {
        this.config = config;
        this.db = db;
        this.sink = sink;
    }

    void attach(DataStream<String> raw) {
        DataStream<EmbedRequest> requests = raw
                .flatMap(new IssueTextDecoder()).name("issue text").uid("issue-text")
                .keyBy(IssueText::issueId, Types.STRING)
                .process(new EmbeddingGate(config.model())).name("embedding gate (text hash)").uid("embedding-gate");
        AsyncDataStream.orderedWait(requests, new EmbedAsync(config, db), EMBED_TIMEOUT_MINUTES, TimeUnit.MINUTES, IN_FLIGHT)
                .name("embed issue text (" + config.model() + ")").uid("embed").disableChaining()
                .sinkTo(sink).name("issue_embeddings").uid("issue-embeddings-sink");
    }
}
