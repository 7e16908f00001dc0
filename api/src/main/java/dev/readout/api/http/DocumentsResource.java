package dev.readout.api.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.readout.api.ApiConfig;
import dev.readout.api.jobs.JobOptions;
import dev.readout.api.jobs.JobService;
import dev.readout.api.jobs.ReadoutEngine;
import dev.readout.api.spi.QuestionAnswerer;
import dev.readout.api.store.FileStore;
import dev.readout.api.store.Job;
import dev.readout.api.store.JobStatus;
import dev.readout.api.store.Storage;
import dev.readout.core.error.ReadoutException;
import dev.readout.core.export.AltoExporter;
import dev.readout.core.export.HocrExporter;
import dev.readout.core.export.MarkdownExporter;
import dev.readout.core.export.PageXmlExporter;
import dev.readout.core.export.TextExporter;
import dev.readout.core.json.DocumentJson;
import dev.readout.core.model.Document;
import dev.readout.core.model.Page;
import dev.readout.core.stage.Limits;
import dev.readout.core.stage.OpenedDocument;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Response;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The document jobs: upload, status and result, exports, page images, deletion. */
@Path("/v1/documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentsResource {
    @Inject
    ApiConfig config;

    @Inject
    JobService jobs;

    @Inject
    Storage storage;

    @Inject
    ReadoutEngine engine;

    @Inject
    Instance<QuestionAnswerer> answerers;

    @Inject
    Intake intake;

    @Context
    UriInfo uriInfo;

    /** Processing options, from the query string. */
    public static final class Options {
        @QueryParam("ocr") @Parameter(description = "auto (default), always or never")
        String ocr;
        @QueryParam("lang") @Parameter(description = "Tesseract languages joined by '+', e.g. eng+deu (default eng)")
        String lang;
        @QueryParam("dpi") @Parameter(description = "resolution of PDF page images and boxes (default 300)")
        Integer dpi;
        @QueryParam("pages") @Parameter(description = "pages to process, e.g. 1-3,7 (default all)")
        String pages;
        @QueryParam("invoice") @Parameter(description = "also extract invoice fields (needs invoice extraction installed)")
        Boolean invoice;
        @QueryParam("wait") @Parameter(description = "wait up to this long for the result, e.g. 30s or 500ms; 200 when done in time")
        String wait;
        @QueryParam("timeout") @Parameter(description = "processing timeout in seconds, at most the service's own")
        Integer timeout;
        @QueryParam("segmentation") @Parameter(description = "how scans are cut into blocks before OCR: auto (default,"
                + " Tesseract's own layout analysis) or columns (columns and rules found first: newspapers)")
        String segmentation;
        @QueryParam("ocrEngine") @Parameter(description = "the engine that reads scans: tesseract (default) or ppocr"
                + " (PaddleOCR PP-OCRv4: photographed and thermal print such as receipts; not with segmentation=columns)")
        String ocrEngine;
        @QueryParam("filename") @Parameter(description = "the document's name for raw uploads (informational only)")
        String filename;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Blocking
    @Operation(summary = "Upload a document (multipart field 'file')")
    public CompletionStage<Response> uploadForm(@RestForm("file") FileUpload file, @jakarta.ws.rs.BeanParam Options o)
            throws IOException {
        return accepted(intake.fromForm(file, o, false), o);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Blocking
    @Operation(summary = "Upload a document as the raw request body (its type is sniffed from the content)")
    public CompletionStage<Response> uploadRaw(InputStream body, @HeaderParam("Content-Disposition") String disposition,
                                               @jakarta.ws.rs.BeanParam Options o) throws IOException {
        return accepted(intake.fromBody(body, disposition, o, false), o);
    }

    private CompletionStage<Response> accepted(Job job, Options o) {
        Duration wait = parseWait(o.wait);
        // absolute, and built here: the completion below runs on a job thread, outside the request
        URI location = uriInfo.getBaseUriBuilder().path("v1/documents").path(job.id()).build();
        if (wait.isZero()) {
            return CompletableFuture.completedFuture(Response.accepted(intake.view(job, false, false)).header(HttpHeaders.LOCATION, location).build());
        }
        return jobs.completion(job.id()).completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(done -> {
                    if (done == null) {
                        Job now = storage.jobs().find(job.id()).orElse(job);
                        return Response.accepted(intake.view(now, false, false)).header(HttpHeaders.LOCATION, location).build();
                    }
                    if (done.status() == JobStatus.FAILED && done.errorCode() != null && !hasResult(done)) {
                        String code = done.errorCode();
                        return Problem.of(Problem.statusOf(code), code, Problem.titleOf(code), done.errorMessage(),
                                location.getPath()).response();
                    }
                    return Response.ok(intake.view(done, true, true)).header(HttpHeaders.LOCATION, location).build();
                });
    }

    private boolean hasResult(Job j) {
        return storage.jobs().result(j.id()).isPresent();
    }

    private Duration parseWait(String wait) {
        if (wait == null || wait.isBlank()) {
            return Duration.ZERO;
        }
        var m = java.util.regex.Pattern.compile("(\\d{1,7})(ms|s|m)?").matcher(wait.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("wait must look like 30s, 500ms or 2m, not '" + wait + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = m.group(2) == null || m.group(2).equals("s") ? Duration.ofSeconds(n)
                : m.group(2).equals("ms") ? Duration.ofMillis(n) : Duration.ofMinutes(n);
        return d.compareTo(config.limits().maxWait()) > 0 ? config.limits().maxWait() : d;
    }

    @GET
    @Operation(summary = "List documents, newest first")
    public Map<String, Object> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        int p = page == null ? 1 : page;
        int s = size == null ? 20 : size;
        if (p < 1 || s < 1 || s > 200) {
            throw new IllegalArgumentException("page starts at 1 and size must be between 1 and 200");
        }
        List<JobView> items = storage.jobs().list((p - 1) * s, s).stream().map(j -> intake.view(j, false, false)).toList();
        return Map.of("items", items, "page", p, "size", s, "total", storage.jobs().count());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Status, progress, errors and (once finished) the result in the CLI's JSON schema, with the "
            + "invoice fields when the upload asked for them (result=false leaves both out)")
    public JobView get(@PathParam("id") String id, @QueryParam("result") Boolean withResult) {
        boolean with = withResult == null || withResult;
        return intake.view(job(id), with, with);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a document, its result and its files (stops it when running)")
    public Response delete(@PathParam("id") String id) {
        if (!FileStore.isId(id) || !jobs.delete(id)) {
            throw notFound(id);
        }
        answerers.forEach(a -> a.forget(id));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/export")
    @Produces({MediaType.TEXT_PLAIN, "text/markdown", "text/html", MediaType.APPLICATION_XML, MediaType.APPLICATION_JSON})
    @Operation(summary = "The result as text, markdown, hocr, alto or page-xml (PAGE-XML describes one page: ?page=n, "
            + "default the first processed)")
    public Response export(@PathParam("id") String id, @QueryParam("format") String format, @QueryParam("page") Integer page) {
        Document doc = result(id);
        String f = format == null ? "text" : format.strip().toLowerCase(Locale.ROOT);
        return switch (f) {
            case "text" -> Response.ok(new TextExporter(true).export(doc), "text/plain; charset=utf-8").build();
            case "markdown", "md" -> Response.ok(new MarkdownExporter().export(doc), "text/markdown; charset=utf-8").build();
            case "hocr" -> Response.ok(new HocrExporter().export(doc), "text/html; charset=utf-8").build();
            case "alto" -> Response.ok(new AltoExporter().export(doc), "application/xml; charset=utf-8").build();
            case "page-xml", "pagexml" -> {
                Page p = page == null ? doc.pages().get(0) : processedPage(doc, page);
                String created = String.valueOf(job(id).finishedAt());
                yield Response.ok(new PageXmlExporter().export(doc, p, "/v1/documents/" + id + "/pages/" + p.number() + "/image",
                        created), "application/xml; charset=utf-8").build();
            }
            case "json" -> Response.ok(DocumentJson.write(doc), "application/json").build();
            default -> throw new IllegalArgumentException("format must be text, markdown, hocr, alto, page-xml or json, not '"
                    + format + "'");
        };
    }

    @GET
    @Path("{id}/pages/{n}/image")
    @Produces("image/png")
    @Operation(summary = "The page image the boxes refer to (same dpi, rotation and deskew), as PNG")
    public Response pageImage(@PathParam("id") String id, @PathParam("n") int n) throws IOException {
        Job job = job(id);
        Document doc = result(id);
        Page page = processedPage(doc, n);
        java.nio.file.Path cached = storage.files().pageImage(id, n);
        if (!Files.isRegularFile(cached)) {
            JobOptions o = JobOptions.fromJson(job.optionsJson());
            Limits limits = new Limits(config.limits().maxUploadBytes(), config.limits().maxPages(), config.limits().maxPixels());
            BufferedImage img;
            try (OpenedDocument d = engine.open(storage.files().upload(id), job.name(), o.ingest(limits))) {
                img = d.pageImage(page);
            }
            Files.createDirectories(cached.getParent());
            java.nio.file.Path tmp = Files.createTempFile(cached.getParent(), "page-", ".part");
            try {
                ImageIO.write(img, "png", tmp.toFile());
                Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return Response.ok(cached.toFile(), "image/png").header("Cache-Control", "private, max-age=86400").build();
    }

    @POST
    @Path("{id}/questions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer a question about the finished document, with its evidence (page, word ids, box); "
            + "found=false and answer=null when the document holds no answer")
    public QuestionView ask(@PathParam("id") String id, JsonNode body) {
        if (answerers.isUnsatisfied()) {
            throw new ReadoutException("not-installed", "question answering is not installed in this service", null);
        }
        String q = body == null || !body.path("question").isTextual() ? "" : body.get("question").asText().strip();
        if (q.isEmpty()) {
            throw new IllegalArgumentException("the body must be {\"question\": \"…\"} with a non-empty question");
        }
        Job j = finished(id);
        return new QuestionView(q, answerers.get().answer(id, () -> result(j), q));
    }

    /** A question and its answer: {@code {"question", "found", "answer", "value", "score", "source", "evidence"}}. */
    public record QuestionView(String question, @JsonUnwrapped QuestionAnswerer.Answer answer) {
    }

    private static Page processedPage(Document doc, int n) {
        return doc.pages().stream().filter(p -> p.number() == n).findFirst().orElseThrow(() ->
                new ReadoutException("not-found", "page " + n + " was not processed (pages processed: "
                        + doc.pages().stream().map(p -> String.valueOf(p.number())).toList() + ")", null));
    }

    private Job job(String id) {
        if (!FileStore.isId(id)) {
            throw notFound(id);
        }
        return storage.jobs().find(id).orElseThrow(() -> notFound(id));
    }

    private Document result(String id) {
        return result(finished(id));
    }

    /** The job, when it has finished (409 while it is queued or running). */
    private Job finished(String id) {
        Job j = job(id);
        if (!j.status().terminal()) {
            throw new ReadoutException("not-finished", "document " + id + " is " + j.status().wire() + "; retry when it has finished",
                    null);
        }
        return j;
    }

    private Document result(Job j) {
        String json = storage.jobs().result(j.id()).orElseThrow(() -> new ReadoutException("no-result",
                "document " + j.id() + " failed without a result: " + j.errorMessage(), null));
        return DocumentJson.read(json);
    }

    private static ReadoutException notFound(String id) {
        return new ReadoutException("not-found", "no document with id '" + id + "'", null);
    }
}
