package com.digitalspiral.launcher;

import com.digitalspiral.store.verify.Verifier;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", description = "Compare sprint_stats and issue_stats with the batch reference views; exit 0 only when equal.")
final class VerifyCommand implements Callable<Integer> {

    @Mixin
    DbOptions db;

    @Option(names = "--limit", defaultValue = "20", description = "differing rows to print (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--wait", defaultValue = "0s", description = "keep comparing for this long until equal, e.g. 30s (default: once)")
    String waitFor;

    @Override
    public Integer call() throws Exception {
        Verifier verifier = new Verifier(db.prepare(System.out));
        long deadline = System.nanoTime() + Durations.parse(waitFor).toNanos();
        long started = System.nanoTime();
        Verifier.Report report = verifier.compare(limit);
        while (!report.equal() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            report = verifier.compare(limit);
        }
        if (report.equal()) {
            System.out.printf("equal: %,d sprint_stats rows and %,d issue_stats rows match the reference views (%.1f s)%n",
                    report.sprintRows(), report.issueRows(), (System.nanoTime() - started) / 1e9);
            return 0;
        }
        System.out.printf("%,d row(s) differ from the reference views:%n", report.total());
        report.shown().forEach(d -> System.out.println("  " + d));
        if (report.total() > report.shown().size()) {
            System.out.printf("  … and %,d more%n", report.total() - report.shown().size());
        }
        return 1;
    }
}
