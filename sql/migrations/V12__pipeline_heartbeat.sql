-- The freshness probe. The API writes the time into pipeline_heartbeat every second; the pipeline carries each beat
-- through the change stream like any Jira change and writes the newest one's commit time to pipeline_progress. How
-- far behind the figures are is then now minus the newest beat carried: it grows while the pipeline is stopped or
-- stuck, and stays small while it keeps up, whether Jira is busy or quiet.
CREATE TABLE pipeline_heartbeat (
    id      smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    beat_at timestamptz NOT NULL
);
INSERT INTO pipeline_heartbeat VALUES (1, clock_timestamp());
ALTER TABLE pipeline_heartbeat REPLICA IDENTITY FULL;
ALTER PUBLICATION spiral_pub ADD TABLE pipeline_heartbeat;

CREATE TABLE pipeline_progress (
    id           smallint PRIMARY KEY CHECK (id = 1),
    beat_at      timestamptz NOT NULL,   -- commit time of the newest beat the pipeline carried
    refreshed_at timestamptz NOT NULL    -- when the pipeline wrote it
);
GRANT SELECT ON pipeline_progress TO spiral_api;
