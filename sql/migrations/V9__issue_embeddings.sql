-- Issue 12: vectors of issue text, kept by the pipeline (it embeds summary + description when their hash
-- changes) and followed by the API's search index. Postgres is the store of record; the index is rebuilt
-- from here. Every write takes the next change_seq, so a follower reads "everything after N" without
-- trusting clocks; a deleted issue leaves a tombstone (deleted, no vector) for followers to see.
CREATE SEQUENCE issue_embeddings_change_seq;
CREATE TABLE issue_embeddings (
    issue_id      uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL,
    model         varchar(100) NOT NULL,
    dimensions    integer NOT NULL CHECK (dimensions >= 0 AND dimensions <= 4096),
    vector        real[],
    text_hash     varchar(64),
    source_ts     timestamptz NOT NULL,
    deleted       boolean NOT NULL DEFAULT false,
    change_seq    bigint NOT NULL DEFAULT nextval('issue_embeddings_change_seq'),
    refreshed_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- with embeddings off a row carries no vector (dimensions 0): search is keyword-only, and still follows it
    CHECK (deleted OR (vector IS NULL AND dimensions = 0) OR array_length(vector, 1) = dimensions)
);
CREATE INDEX idx_issue_embeddings_tenant_seq ON issue_embeddings(tenant_id, change_seq);

GRANT SELECT ON issue_embeddings TO spiral_api;
ALTER TABLE issue_embeddings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON issue_embeddings TO spiral_api USING (tenant_id = spiral_current_tenant());

-- its own channel: search follows it, while the answer cache and live screens (spiral_data_changed) need not wake
CREATE FUNCTION spiral_notify_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('spiral_search_changed', OLD.tenant_id::text);
    ELSE
        PERFORM pg_notify('spiral_search_changed', NEW.tenant_id::text);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER issue_embeddings_notify AFTER INSERT OR UPDATE OR DELETE ON issue_embeddings
    FOR EACH ROW EXECUTE FUNCTION spiral_notify_search_row();
