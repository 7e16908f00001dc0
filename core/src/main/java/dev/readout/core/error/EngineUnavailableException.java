package dev.readout.core.error;

/** An engine (native library, language data, model file) cannot run here; the message names the missing piece and the fix. */
public final class EngineUnavailableException extends ReadoutException {
    public EngineUnavailableException(String message) {
        super("engine-unavailable", message, null);
    }

    public EngineUnavailableException(String message, Throwable cause) {
        super("engine-unavailable", message, cause);
    }
}
