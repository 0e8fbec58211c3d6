package com.digitalspiral.launcher;

import picocli.CommandLine.Command;

@Command(name = "bench", description = "Benchmarks that print figures.", subcommands = {BootstrapBench.class, FreshnessBench.class, ApiBench.class, SearchBench.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
