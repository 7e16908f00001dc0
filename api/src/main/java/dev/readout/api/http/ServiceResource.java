package dev.readout.api.http;

import dev.readout.api.ApiConfig;
import dev.readout.api.jobs.JobService;
import dev.readout.api.jobs.ReadoutEngine;
import dev.readout.api.spi.InvoiceExtractor;
import dev.readout.api.spi.QuestionAnswerer;
import dev.readout.api.store.Job;
import dev.readout.api.store.JobStatus;
import dev.readout.api.store.Storage;
import dev.readout.core.model.Document;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** What this service can do, and the synchronous invoice extraction. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceResource {
    @Inject
    ApiConfig config;

    @Inject
    ReadoutEngine engine;

    @Inject
    Instance<QuestionAnswerer> answerers;

    @Inject
    Instance<InvoiceExtractor> invoiceExtractors;

    @Inject
    Intake intake;

    @Inject
    JobService jobs;

    @Inject
    Storage storage;

    @Context
    UriInfo uriInfo;

    @GET
    @Path("service")
    @Operation(summary = "Capabilities and limits (the viewer hides what is not installed)")
    public Map<String, Object> service() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ready", engine.ready());
        m.put("stages", engine.stageNames());
        m.put("schemaVersion", Document.SCHEMA_VERSION);
        m.put("questions", !answerers.isUnsatisfied());
        m.put("invoice", !invoiceExtractors.isUnsatisfied());
        m.put("exportFormats", List.of("text", "markdown", "hocr", "alto", "page-xml", "json"));
        m.put("limits", Map.of("maxUploadBytes", config.limits().maxUploadBytes(), "maxPages", config.limits().maxPages(),
                "maxPixels", config.limits().maxPixels(), "queueCapacity", config.jobs().queueCapacity(),
                "concurrency", config.jobs().concurrency(), "timeoutSeconds", config.jobs().timeout().toSeconds()));
        return m;
    }

    @POST
    @Path("extract/invoice")
    @Consumes(MediaType.WILDCARD)
    @Blocking
    @Operation(summary = "Invoice fields in one call: upload the document as the raw body, wait for it (up to "
            + "readout.limits.max-wait) and get its id and invoice fields (202 with the id to poll when slower)")
    public CompletionStage<Response> extractInvoice(InputStream body, @HeaderParam("Content-Disposition") String disposition,
                                                    @BeanParam DocumentsResource.Options o) throws IOException {
        return invoiceOf(intake.fromBody(body, disposition, o, true));
    }

    @POST
    @Path("extract/invoice")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Blocking
    @Operation(summary = "Invoice fields in one call, the document as multipart field 'file'")
    public CompletionStage<Response> extractInvoiceForm(@RestForm("file") FileUpload file, @BeanParam DocumentsResource.Options o)
            throws IOException {
        return invoiceOf(intake.fromForm(file, o, true));
    }

    /** Waits for the job: 200 with its invoice fields, 202 while it is still running, problem+json when it failed. */
    private CompletionStage<Response> invoiceOf(Job job) {
        // absolute, and built here: the completion below runs on a job thread, outside the request
        URI location = uriInfo.getBaseUriBuilder().path("v1/documents").path(job.id()).build();
        return jobs.completion(job.id()).completeOnTimeout(null, config.limits().maxWait().toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(done -> {
                    Job now = done != null ? done : storage.jobs().find(job.id()).orElse(null);
                    if (now == null) {
                        return Problem.of(404, "not-found", Problem.titleOf("not-found"), "document " + job.id()
                                + " was deleted while it was processed", location.getPath()).response();
                    }
                    if (!now.status().terminal()) {
                        return Response.accepted(intake.view(now, false, false)).header(HttpHeaders.LOCATION, location).build();
                    }
                    if (now.status() == JobStatus.FAILED && storage.jobs().result(now.id()).isEmpty()) {
                        String code = now.errorCode() != null ? now.errorCode() : "no-result";
                        return Problem.of(Problem.statusOf(code), code, Problem.titleOf(code), now.errorMessage(),
                                location.getPath()).response();
                    }
                    return Response.ok(intake.view(now, false, true)).header(HttpHeaders.LOCATION, location).build();
                });
    }
}
