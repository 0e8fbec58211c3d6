package com.digitalspiral.store.embed;

import com.digitalspiral.store.DbConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Embeds the issues issue_embeddings lacks (or holds for another model), in batches, straight from the
 * issues table: for a pipeline that resumed from a checkpoint taken before it embedded (it takes no new
 * snapshot, so old issues would never arrive), and for evaluations that need vectors without a pipeline.
 * Rows it writes look exactly like the pipeline's (same text, same hash), so the pipeline's gate sees them
 * as unchanged.
 */
public final class EmbeddingBackfill {

    /** Texts per call to the model. */
    private static final int BATCH = 64;

    private final DbConfig db;
    private final TextEmbedder embedder;
    private final String model;

    /** @param embedder the model, or null for rows without vectors (embeddings off: keyword search only) */
    public EmbeddingBackfill(DbConfig db, TextEmbedder embedder) {
        this.db = db;
        this.embedder = embedder;
        this.model = embedder == null ? EmbeddingConfig.OFF.model() : embedder.model();
    }

    /** Embeds every issue without a current vector; returns how many were embedded. */
    public int run(java.util.function.IntConsumer progress) throws Exception {
        int done = 0;
        try (Connection c = db.connect()) {
            while (true) {
                List<Object[]> rows = missing(c);
                if (rows.isEmpty()) {
                    return done;
                }
                List<String> texts = rows.stream().map(r -> (String) r[2]).toList();
                List<float[]> vectors = embedder == null ? java.util.Collections.nCopies(texts.size(), (float[]) null)
                        : embedder.embed(texts);
                write(c, rows, vectors);
                done += rows.size();
                progress.accept(done);
            }
        }
    }

    private List<Object[]> missing(Connection c) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT i.id, i.tenant_id, i.summary, i.description, i.jira_updated_at
                FROM issues i LEFT JOIN issue_embeddings e ON e.issue_id = i.id
                WHERE e.issue_id IS NULL OR e.deleted OR e.model <> ?
                ORDER BY i.id LIMIT ?""")) {
            ps.setString(1, model);
            ps.setInt(2, BATCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.sql.Timestamp updated = rs.getTimestamp(5);
                    out.add(new Object[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        EmbeddableText.of(rs.getString(3), rs.getString(4)), updated});
                }
            }
        }
        return out;
    }

    private void write(Connection c, List<Object[]> rows, List<float[]> vectors) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO issue_embeddings (issue_id, tenant_id, model, dimensions, vector, text_hash, source_ts, deleted)
                VALUES (?, ?, ?, ?, ?, ?, coalesce(?, now()), false)
                ON CONFLICT (issue_id) DO UPDATE SET model = EXCLUDED.model, dimensions = EXCLUDED.dimensions,
                    vector = EXCLUDED.vector, text_hash = EXCLUDED.text_hash, source_ts = EXCLUDED.source_ts, deleted = false,
                    change_seq = nextval('issue_embeddings_change_seq'), refreshed_at = clock_timestamp()""")) {
            for (int i = 0; i < rows.size(); i++) {
                Object[] r = rows.get(i);
                float[] v = vectors.get(i);
                ps.setObject(1, r[0]);
                ps.setObject(2, r[1]);
                ps.setString(3, model);
                if (v == null) {
                    ps.setInt(4, 0);
                    ps.setNull(5, java.sql.Types.ARRAY);
                } else {
                    ps.setInt(4, v.length);
                    ps.setArray(5, c.createArrayOf("float4", TextEmbedder.boxed(v)));
                }
                ps.setString(6, EmbeddableText.hash(model, (String) r[2]));
                ps.setTimestamp(7, (java.sql.Timestamp) r[3]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
