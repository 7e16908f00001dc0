/**
 * Readout's REST service and web viewer (Quarkus). {@code http} holds the thin JAX-RS resources, problem+json
 * mapping and the API-key filter; {@code jobs} runs uploaded documents through the one shared
 * {@link dev.readout.core.Pipeline} on a bounded queue; {@code store} persists jobs, results and uploads (plain JDBC:
 * an H2 file database by default, PostgreSQL by configuration). {@code spi} names the pieces other modules plug in
 * later (question answering, invoice extraction).
 */
package dev.readout.api;
