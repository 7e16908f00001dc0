package dev.readout.core.error;

/** The content is not a format Readout reads (PDF, PNG, JPEG, TIFF, JPEG 2000, BMP). */
public final class UnsupportedFormatException extends ReadoutException {
    public UnsupportedFormatException(String message) {
        super("unsupported-format", message, null);
    }

    public UnsupportedFormatException(String message, Throwable cause) {
        super("unsupported-format", message, cause);
    }
}
