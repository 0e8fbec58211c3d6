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

    /**
     * How the operators keep their state. Raise it whenever a state's name or type changes: a job restored from
     * checkpoints of another format would start those states empty and write wrong figures.
     * 1: map states per comment, changelog entry and sprint row; 2: each of those as one small map value.
     */
    public static final int STATE_FORMAT = 2;
    private static final String FORMAT_FILE = "state-format";

    private Checkpoints() {}

    /** Refuses checkpoints written by operators that kept their state in another format. */
    public static void checkFormat(Path dir, Path checkpoint) throws IOException {
        Path marker = dir.resolve(FORMAT_FILE);
        int found = Files.isRegularFile(marker) ? Integer.parseInt(Files.readString(marker).trim()) : 1;
        if (found != STATE_FORMAT) {
            throw new IllegalStateException("the checkpoint " + checkpoint + " keeps the operators' state in format " + found
                    + ", this version uses format " + STATE_FORMAT + ": start over from a snapshot with --fresh");
        }
    }

    /** Records the state format next to the checkpoints a new job is about to write. */
    public static void markFormat(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(FORMAT_FILE), Integer.toString(STATE_FORMAT));
    }

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
        // Flink may still be discarding files of a finished run (a stop with savepoint subsumes its checkpoints
        // asynchronously): what is already gone is not an error
        Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof java.nio.file.NoSuchFileException) {
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public java.nio.file.FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof java.nio.file.NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(d);
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
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
