package com.digitalspiral.pipeline.sink;

import com.digitalspiral.pipeline.model.EmbeddingWrite;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import com.digitalspiral.store.embed.TextEmbedder;

/**
 * Writes issue_embeddings: an upsert with a new vector, a touch (the issue changed, its text did not), or a
 * tombstone for a deleted issue, all in one statement so a row's writes apply in order. Each takes the next
 * change_seq, which the search index follows. The sink is built by {@link StatsSinks#issueEmbeddings()}.
 */
public final class EmbeddingSink {

    static final String SQL = """
            WITH gone AS (
                UPDATE issue_embeddings SET deleted = true, vector = NULL, text_hash = NULL, source_ts = ?::timestamptz,
                    change_seq = nextval('issue_embeddings_change_seq'), refreshed_at = clock_timestamp()
                WHERE ?::varchar = 'DELETE' AND issue_id = ?::uuid),
            touched AS (
                UPDATE issue_embeddings SET source_ts = greatest(source_ts, ?::timestamptz),
                    change_seq = nextval('issue_embeddings_change_seq'), refreshed_at = clock_timestamp()
                WHERE ?::varchar = 'TOUCH' AND issue_id = ?::uuid AND NOT deleted)
            INSERT INTO issue_embeddings (issue_id, tenant_id, model, dimensions, vector, text_hash, source_ts, deleted)
            SELECT ?::uuid, ?::uuid, ?::varchar, ?::integer, ?::real[], ?::varchar, ?::timestamptz, false
            WHERE ?::varchar = 'UPSERT'
            ON CONFLICT (issue_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, model = EXCLUDED.model,
                dimensions = EXCLUDED.dimensions, vector = EXCLUDED.vector, text_hash = EXCLUDED.text_hash,
                source_ts = EXCLUDED.source_ts, deleted = false,
                change_seq = nextval('issue_embeddings_change_seq'), refreshed_at = clock_timestamp()
            """;

    private EmbeddingSink() {}

    static void bind(PreparedStatement ps, EmbeddingWrite w) throws SQLException {
        OffsetDateTime ts = OffsetDateTime.ofInstant(Instant.ofEpochMilli(w.sourceTs()), ZoneOffset.UTC);
        UUID issue = UUID.fromString(w.issueId());
        String kind = w.kind().name();
        int i = 1;
        ps.setObject(i++, ts);
        ps.setString(i++, kind);
        ps.setObject(i++, issue);
        ps.setObject(i++, ts);
        ps.setString(i++, kind);
        ps.setObject(i++, issue);
        ps.setObject(i++, issue);
        ps.setObject(i++, UUID.fromString(w.tenantId()));
        ps.setString(i++, w.model());
        ps.setInt(i++, w.dimensions());
        if (w.vector() == null) {
            ps.setNull(i++, java.sql.Types.ARRAY);
        } else {
            ps.setArray(i++, ps.getConnection().createArrayOf("float4", TextEmbedder.boxed(w.vector())));
        }
        ps.setString(i++, w.textHash());
        ps.setObject(i++, ts);
        ps.setString(i, kind);
    }
}
