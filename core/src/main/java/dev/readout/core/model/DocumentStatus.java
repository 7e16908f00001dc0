package dev.readout.core.model;

/** Outcome of processing a whole document. */
public enum DocumentStatus {
    SUCCEEDED, PARTIAL, FAILED
}
