package dev.readout.core.error;

/**
 * Base of every error Readout reports to a user. The message is one line that names the problem
 * (and the fix where there is one); {@link #code()} is a stable machine-readable reason.
 */
public class ReadoutException extends RuntimeException {
    private final String code;

    public ReadoutException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Stable reason, e.g. {@code encrypted}, {@code corrupt}, {@code limit-exceeded}. */
    public String code() {
        return code;
    }
}
