package com.digitalspiral.launcher;

import com.digitalspiral.store.demo.Simulator;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "simulate", description = "Make live Jira activity: status changes, comments, re-estimates, scope changes, sprint starts and closes, deletes.")
final class SimulateCommand implements Callable<Integer> {

    @Mixin
    DbOptions db;

    @Option(names = "--rate", defaultValue = "20", description = "changes per second (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--duration", description = "how long, e.g. 60s, 5m (default: until Ctrl-C)")
    String duration;

    @Option(names = "--seed", defaultValue = "7", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        Simulator sim = new Simulator(db.prepare(System.out));
        Runtime.getRuntime().addShutdownHook(new Thread(sim::stop));
        Simulator.Result r = sim.run(rate, duration == null ? null : Durations.parse(duration), seed, System.out);
        System.out.printf("made %,d changes in %.1f s (%.0f/s)%n", r.changes(), r.took().toMillis() / 1000.0, r.ratePerSecond());
        r.byKind().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> System.out.printf("  %-20s %,8d%n", e.getKey().name().toLowerCase(), e.getValue()));
        return 0;
    }
}
