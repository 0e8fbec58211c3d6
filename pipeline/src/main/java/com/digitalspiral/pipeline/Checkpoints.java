package com.digitalspiral.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the newest complete checkpoint under a checkpoint directory ({@code <dir>/<job id>/chk-N/_metadata}). */
public final class Checkpoints {

    private Checkpoints() {}

    public static Optional<Path> latest(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(dir)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(Checkpoints::completed)
                    .max(Comparator.comparing(Checkpoints::modified))
                    .map(Path::getParent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint directory " + dir, e);
        }
    }

    /**
     * Deletes the checkpoints of earlier runs except the run that {@code keep} belongs to: a restarted job
     * writes into a folder of its own and, restoring in NO_CLAIM mode, never needs the older ones.
     */
    public static void pruneOlderRuns(Path dir, Path keep) throws IOException {
        Path keepRun = keep.toAbsolutePath().getParent();
        try (Stream<Path> runs = Files.list(dir)) {
            for (Path run : runs.filter(Files::isDirectory).toList()) {
                if (!run.toAbsolutePath().equals(keepRun)) {
                    deleteAll(run);
                }
            }
        }
    }

    /** Removes every checkpoint; the job then starts with a fresh snapshot. */
    public static void deleteAll(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Stream<Path> completed(Path jobDir) {
        try (Stream<Path> chks = Files.list(jobDir)) {
            return chks.filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .map(p -> p.resolve("_metadata"))
                    .filter(Files::isRegularFile)
                    .toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
