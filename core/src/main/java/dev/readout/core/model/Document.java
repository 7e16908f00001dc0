package dev.readout.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A processed document: the single model shared by every stage, exporter and front door.
 *
 * @param schemaVersion version of the JSON form, {@link #SCHEMA_VERSION} for documents made by this build
 * @param source        what was read
 * @param status        SUCCEEDED, PARTIAL (some pages failed, see {@code errors}) or FAILED
 * @param pages         the processed pages, in page order
 * @param formFields    filled AcroForm fields as key → value pairs
 * @param errors        per-page failures
 */
public record Document(String schemaVersion, SourceInfo source, DocumentStatus status, List<Page> pages,
                       List<FormField> formFields, List<PageError> errors) {

    public static final String SCHEMA_VERSION = "1.1";

    public Document {
        Objects.requireNonNull(schemaVersion, "schemaVersion");
        Objects.requireNonNull(status, "status");
        pages = List.copyOf(pages);
        formFields = formFields == null ? List.of() : List.copyOf(formFields);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
