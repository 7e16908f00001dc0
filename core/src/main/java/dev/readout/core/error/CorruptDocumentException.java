package dev.readout.core.error;

/** The document is empty, truncated or damaged beyond reading. */
public final class CorruptDocumentException extends ReadoutException {
    public CorruptDocumentException(String message) {
        super("corrupt", message, null);
    }

    public CorruptDocumentException(String message, Throwable cause) {
        super("corrupt", message, cause);
    }
}
