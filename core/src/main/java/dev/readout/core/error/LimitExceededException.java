package dev.readout.core.error;

/** The document exceeds a configured limit (bytes, pages or pixels). */
public final class LimitExceededException extends ReadoutException {
    public LimitExceededException(String message) {
        super("limit-exceeded", message, null);
    }

    public LimitExceededException(String message, Throwable cause) {
        super("limit-exceeded", message, cause);
    }
}
