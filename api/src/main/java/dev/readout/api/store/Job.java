package dev.readout.api.store;

import java.time.Instant;

/**
 * One uploaded document and what became of it (the result JSON is stored apart, see {@link JobStore#result}).
 *
 * @param id          a random UUID; also names the stored upload (the client's file name never does)
 * @param name        the file name the client gave, informational only
 * @param mediaType   sniffed from the content at upload
 * @param bytes       size of the upload
 * @param optionsJson the processing options as JSON ({@link dev.readout.api.jobs.JobOptions})
 * @param pagesDone   pages finished so far
 * @param pagesTotal  pages selected, 0 until processing starts
 * @param attempts    how many times processing started (a job interrupted by a crash is retried once)
 * @param errorCode   stable reason when FAILED (e.g. {@code corrupt}, {@code timeout}, {@code interrupted}), else null
 * @param errorMessage one line for a person, or null
 */
public record Job(String id, JobStatus status, String name, String mediaType, long bytes, String optionsJson,
                  int pagesDone, int pagesTotal, int attempts, String errorCode, String errorMessage,
                  Instant createdAt, Instant startedAt, Instant finishedAt) {
}
