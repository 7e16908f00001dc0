package dev.readout.core.stage;

import dev.readout.core.model.Page;

/**
 * A stage that enriches one page after ingestion (reading order, layout labelling, …).
 * Implementations are found through {@link java.util.ServiceLoader} and must be thread-safe.
 */
public interface PageStage {

    /** Short name recorded as provenance, e.g. {@code xycut}. */
    String name();

    /** Order among page stages: lower runs first. Reading order runs before layout labelling. */
    int priority();

    Page apply(Page page);

    /**
     * Whether this stage can run here (its model file or native library is present). {@link
     * dev.readout.core.Pipeline#discover} leaves out stages that cannot; a stage should say why on stderr once.
     */
    default boolean available() {
        return true;
    }
}
