package dev.readout.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code readout} command. Exit codes: 0 ok, 1 a document failed, 2 usage error. */
@Command(name = "readout", mixinStandardHelpOptions = true, version = "readout 0.1.0",
        description = "Reads PDFs and scans: words with boxes, lines, regions, reading order.",
        subcommands = {ExtractCommand.class, BatchCommand.class, EvalCommand.class, BenchCommand.class, MakeSamplesCommand.class,
                ReadingOrderDataCommand.class,
                CommandLine.HelpCommand.class})
public final class Readout implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Readout());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("readout: " + e.getMessage());
                return 2;
            }
            cmd.getErr().println("readout: " + Errors.describe(e));
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }
}
