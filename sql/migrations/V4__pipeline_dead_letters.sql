-- Change events the pipeline could not decode, with the reason: kept and visible rather than dropped.
CREATE TABLE pipeline_dead_letters (
    id           bigserial PRIMARY KEY,
    reason       text NOT NULL,
    payload      text NOT NULL,
    received_at  timestamptz NOT NULL,
    written_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
