package com.digitalspiral.launcher;

import java.io.PrintStream;

/** A one-line progress bar on a terminal (written by hand: thirty lines beat a dependency). */
final class ProgressBar {

    private final PrintStream out;
    private final String label;
    private final long total;
    private final long started = System.nanoTime();

    ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    void update(long done) {
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        int width = 30;
        int filled = (int) Math.round(fraction * width);
        double secs = (System.nanoTime() - started) / 1e9;
        out.printf("\r%s [%s%s] %3.0f%% %,d/%,d  %,.0f/s  %.0fs ", label, "#".repeat(filled), " ".repeat(width - filled),
                fraction * 100, done, total, secs > 0 ? done / secs : 0.0, secs);
        out.flush();
    }

    void done() {
        out.println();
    }
}
