package com.digitalspiral.launcher;

import com.digitalspiral.pipeline.Checkpoints;
import com.digitalspiral.pipeline.PipelineSettings;
import com.digitalspiral.store.Database;
import com.digitalspiral.store.DbConfig;
import com.digitalspiral.store.demo.DemoGenerator;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", description = "Write deterministic demo Jira data (same seed and anchor, same rows).")
final class GenerateCommand implements Callable<Integer> {

    @Mixin
    DbOptions db;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--tenants", defaultValue = "3", description = "number of tenants (default: ${DEFAULT-VALUE})")
    int tenants;

    @Option(names = "--issues", defaultValue = "10000", description = "number of issues (default: ${DEFAULT-VALUE})")
    int issues;

    @Option(names = "--anchor", description = "the data's 'today', yyyy-mm-dd (default: this week's Monday, UTC)")
    LocalDate anchor;

    @Option(names = "--reset", description = "empty every Jira and maintained table first, drop the pipeline's slot and checkpoints")
    boolean reset;

    @Override
    public Integer call() throws Exception {
        DbConfig config = db.prepare(System.out);
        if (reset) {
            Database database = new Database(config);
            database.dropSlot(PipelineSettings.defaultSlot(config));
            Checkpoints.deleteAll(PipelineSettings.defaultCheckpointDir(config));
            database.truncateAll();
            System.out.println("emptied the Jira and maintained tables; dropped the pipeline's slot and checkpoints");
        }
        DemoGenerator.Options options = anchor == null
                ? new DemoGenerator.Options(seed, tenants, issues)
                : new DemoGenerator.Options(seed, tenants, issues, anchor.atStartOfDay(ZoneOffset.UTC).toInstant());
        ProgressBar bar = new ProgressBar(System.out, "generate", issues);
        DemoGenerator.Summary summary = new DemoGenerator(config).generate(options, bar::update);
        bar.done();
        System.out.printf("generated in %.1f s (seed %d, anchor %s):%n", summary.took().toMillis() / 1000.0, seed,
                options.anchor().atZone(ZoneOffset.UTC).toLocalDate());
        summary.rows().forEach((table, n) -> System.out.printf("  %-15s %,12d%n", table, n));
        return 0;
    }
}
