package dev.readout.api.jobs;

/** The worker pool and its queue are full (429), or the service is stopping (503); retry after {@link #retryAfterSeconds()}. */
public final class QueueFullException extends RuntimeException {
    private final boolean stopping;
    private final int retryAfterSeconds;

    public QueueFullException(String message, boolean stopping, int retryAfterSeconds) {
        super(message);
        this.stopping = stopping;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public boolean stopping() {
        return stopping;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
