package dev.readout.core.stage;

import java.nio.file.Path;

/**
 * The ingest stage: turns a file into pages of words. Implementations are found through
 * {@link java.util.ServiceLoader}; the type is detected from the content, never from the file name.
 * Thread-safe.
 */
public interface Ingestor {

    /**
     * Opens a document. Fails fast, before decoding any page, with a typed
     * {@link dev.readout.core.error.ReadoutException}: unsupported format, encrypted, corrupt or over a limit.
     *
     * @return an open document that the caller owns and must close
     */
    OpenedDocument open(Path file, String displayName, IngestOptions options);

    /** Checks that the engines this ingestor needs can run (for example Tesseract and its language data). */
    void checkAvailable(IngestOptions options);
}
