package dev.readout.core.model;

/**
 * Why a page could not be processed. A document with some failed pages is {@link DocumentStatus#PARTIAL}.
 *
 * @param page   page number, from 1
 * @param code   a stable machine-readable reason, e.g. {@code render-failed}, {@code limit-exceeded}
 * @param message one line for a person
 */
public record PageError(int page, String code, String message) {
}
