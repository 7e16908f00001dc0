package dev.readout.eval;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the evaluation data sets are: {@code ../shared/datasets} beside the checkout (as CI lays it out), found by
 * walking up from the working directory. Used by the quality ratchets, which skip visibly where it is absent.
 */
public final class SharedData {
    private SharedData() {
    }

    /**
     * {@code ../shared/datasets/<relative>} (a file or folder) seen from the working directory or any folder above
     * it, normalised; null when none exists.
     */
    public static Path find(String relative) {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("../shared/datasets").resolve(relative).normalize();
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }
}
