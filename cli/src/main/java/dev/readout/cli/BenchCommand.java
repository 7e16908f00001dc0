package dev.readout.cli;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "(being written)")
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalStateException("bench is being written");
    }
}
