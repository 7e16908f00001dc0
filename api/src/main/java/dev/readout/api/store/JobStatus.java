package dev.readout.api.store;

import java.util.Locale;

/** Where a job stands. Terminal: SUCCEEDED, PARTIAL (some pages failed), FAILED. */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, PARTIAL, FAILED;

    public boolean terminal() {
        return this == SUCCEEDED || this == PARTIAL || this == FAILED;
    }

    /** The lower-case name the API uses ({@code queued}, {@code running}, …). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
