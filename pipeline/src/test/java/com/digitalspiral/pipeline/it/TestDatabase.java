package com.digitalspiral.pipeline.it;

import com.digitalspiral.store.DbConfig;
import com.digitalspiral.store.ScratchDatabase;
import com.digitalspiral.store.verify.Verifier;
import java.time.Duration;

/** A fresh, migrated database of the machine's Postgres for one test, dropped (with its slots) afterwards. */
final class TestDatabase implements AutoCloseable {

    final DbConfig config;
    final String slot;
    private final ScratchDatabase scratch;

    TestDatabase(String name) throws Exception {
        this.scratch = new ScratchDatabase(name);
        this.config = scratch.config();
        this.slot = "it_" + scratch.uniqueName();
    }

    /**
     * Settings of an in-process job on this database: its own slot, checkpoints in a new temporary folder every
     * second, no dashboard port, parallelism 2.
     */
    com.digitalspiral.pipeline.PipelineSettings settings() throws java.io.IOException {
        return com.digitalspiral.pipeline.PipelineSettings.defaults(config).withSlot(slot)
                .withCheckpointDir(java.nio.file.Files.createTempDirectory("spiral-" + slot)).withWebPort(0).withParallelism(2)
                .withCheckpointInterval(1000);
    }

    /** Compares with the reference views until equal or the time is up; returns the last report. */
    Verifier.Report awaitEqual(Duration within) throws Exception {
        return new Verifier(config).awaitEqual(within);
    }

    @Override
    public void close() throws Exception {
        scratch.close();
    }
}
