package dev.readout.cli;

import dev.readout.core.Pipeline;
import java.io.PrintWriter;

/**
 * A progress line on stderr for long documents (pages done, pages/s, ETA), shown only when stderr is a
 * terminal or {@code READOUT_PROGRESS=1}, and only for documents of more than one page.
 */
final class Progress implements Pipeline.ProgressListener, AutoCloseable {
    private final PrintWriter err;
    private final String label;
    private final boolean enabled;
    private long start;
    private boolean drawn;

    Progress(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
        this.enabled = System.console() != null || "1".equals(System.getenv("READOUT_PROGRESS"));
    }

    @Override
    public void started(int pages) {
        start = System.nanoTime();
    }

    @Override
    public void pageDone(int done, int total) {
        if (!enabled || total < 2) {
            return;
        }
        double s = (System.nanoTime() - start) / 1e9;
        double rate = done / Math.max(s, 1e-9);
        long eta = Math.round((total - done) / Math.max(rate, 1e-9));
        int width = 30;
        int filled = (int) Math.round(width * done / (double) total);
        err.printf("\r%s [%s%s] %d/%d pages, %.1f pages/s, ETA %ds ", label, "#".repeat(filled), " ".repeat(width - filled),
                done, total, rate, eta);
        err.flush();
        drawn = true;
    }

    @Override
    public void close() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }
}
