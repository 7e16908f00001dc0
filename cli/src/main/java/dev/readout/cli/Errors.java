package dev.readout.cli;

import dev.readout.core.error.ReadoutException;

/** One-line messages for errors that reach the command line; never a stack trace. */
final class Errors {
    private Errors() {
    }

    static String describe(Throwable e) {
        if (e instanceof ReadoutException re) {
            return re.getMessage();
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory: lower --dpi or --workers, or raise the JVM heap (READOUT_JAVA_OPTS=-Xmx…)";
        }
        String m = e.getMessage();
        return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m).replaceAll("\\s+", " ");
    }
}
