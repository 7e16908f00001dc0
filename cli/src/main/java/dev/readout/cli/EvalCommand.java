package dev.readout.cli;

import picocli.CommandLine.Command;

@Command(name = "eval", mixinStandardHelpOptions = true, description = "(being written)")
final class EvalCommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalStateException("eval is being written");
    }
}
