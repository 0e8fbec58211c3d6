package com.digitalspiral.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** ./spiral: set up, feed, run and check Digital Spiral analytics. */
@Command(name = "spiral", mixinStandardHelpOptions = true, version = "spiral 0.1.0",
        description = "Streaming sprint metrics over Jira data in Postgres.",
        subcommands = {MigrateCommand.class, GenerateCommand.class, SimulateCommand.class, PipelineCommand.class,
                VerifyCommand.class, DemoCommand.class, BenchCommand.class, ApiCommand.class, KeyCommand.class, EvalCommand.class, ClusterCommand.class, CommandLine.HelpCommand.class})
public final class SpiralCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new SpiralCommand());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // a user-facing error says what is wrong in one line; the stack trace is for --debug
            commandLine.getErr().println("spiral " + commandLine.getCommandName() + ": " + describe(ex));
            if (System.getenv("SPIRAL_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        System.exit(cli.execute(args));
    }

    static String describe(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
