package dev.readout.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.readout.api.jobs.JobOptions;
import dev.readout.api.store.Job;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job as the API shows it. {@code result} is the document in the CLI's JSON schema (docs/schema.md), included
 * once the job has finished with one (succeeded, partial, or failed with page errors); {@code invoice} the invoice
 * fields as {@code readout extract --invoice} writes them, when the upload asked for them ({@code invoice=true}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(String id, String name, String mediaType, long bytes, String status, Progress progress,
                      JobOptions options, Instant createdAt, Instant startedAt, Instant finishedAt, List<Error> errors,
                      Map<String, String> links, @JsonRawValue String result,
                      @JsonRawValue String invoice) {

    /** Pages done out of the pages selected (total is 0 until the document is opened). */
    public record Progress(int pagesDone, int pagesTotal) {
    }

    /** A job-level error (no page) or a page error from the result. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String code, String message, Integer page) {
    }

    public static JobView of(Job j, int[] liveProgress, List<Error> errors, String resultJson, String invoiceJson) {
        Progress p = liveProgress != null ? new Progress(liveProgress[0], liveProgress[1])
                : new Progress(j.pagesDone(), j.pagesTotal());
        String self = "/v1/documents/" + j.id();
        return new JobView(j.id(), j.name(), j.mediaType(), j.bytes(), j.status().wire(), p, JobOptions.fromJson(j.optionsJson()),
                j.createdAt(), j.startedAt(), j.finishedAt(), errors,
                Map.of("self", self, "export", self + "/export?format=text", "pageImage", self + "/pages/{n}/image",
                        "questions", self + "/questions"),
                resultJson, invoiceJson);
    }
}
