package dev.readout.cli;

import picocli.CommandLine.Command;

@Command(name = "make-samples", mixinStandardHelpOptions = true, description = "(being written)")
final class MakeSamplesCommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalStateException("make-samples is being written");
    }
}
