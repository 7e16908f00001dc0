package dev.readout.core.error;

/** The document is encrypted and no (or a wrong) password was given. */
public final class EncryptedDocumentException extends ReadoutException {
    public EncryptedDocumentException(String message) {
        super("encrypted", message, null);
    }

    public EncryptedDocumentException(String message, Throwable cause) {
        super("encrypted", message, cause);
    }
}
