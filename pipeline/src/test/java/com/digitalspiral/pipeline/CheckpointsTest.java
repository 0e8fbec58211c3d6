package com.digitalspiral.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    @TempDir
    Path dir;

    private Path checkpoint() throws Exception {
        Path chk = Files.createDirectories(dir.resolve("job-1").resolve("chk-7"));
        Files.writeString(chk.resolve("_metadata"), "x");
        return chk;
    }

    @Test
    void checkpointsOfAnOlderStateFormatAreRefusedWithWhatToDo() throws Exception {
        Path chk = checkpoint();
        assertThat(Checkpoints.latest(dir)).contains(chk);
        assertThatThrownBy(() -> Checkpoints.checkFormat(dir, chk))
                .hasMessageContaining("format 1").hasMessageContaining("format " + Checkpoints.STATE_FORMAT)
                .hasMessageContaining("--fresh");
    }

    @Test
    void checkpointsOfThisStateFormatAreResumed() throws Exception {
        Checkpoints.markFormat(dir);
        Path chk = checkpoint();
        assertThatCode(() -> Checkpoints.checkFormat(dir, chk)).doesNotThrowAnyException();
    }

    @Test
    void startingOverRemovesTheFormatWithTheCheckpoints() throws Exception {
        Checkpoints.markFormat(dir);
        checkpoint();
        Checkpoints.deleteAll(dir);
        assertThat(Checkpoints.latest(dir)).isEmpty();
        assertThat(Files.exists(dir)).isFalse();
    }
}
