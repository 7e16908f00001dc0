package dev.readout.api.http;

import dev.readout.api.ApiConfig;
import dev.readout.api.jobs.ReadoutEngine;
import dev.readout.api.spi.InvoiceExtractor;
import dev.readout.api.spi.QuestionAnswerer;
import dev.readout.core.error.ReadoutException;
import dev.readout.core.model.Document;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What this service can do, and the synchronous invoice extraction (501 until invoice extraction is installed). */
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
    @Operation(summary = "Synchronous one-shot invoice extraction for small documents (501 until installed)")
    public Object extractInvoice(InputStream body) {
        // To wire once an InvoiceExtractor bean exists: receive the body as in DocumentsResource.uploadRaw, submit it
        // with invoice=true, wait up to readout.limits.max-wait for the Document, answer invoiceExtractors.get().extract(doc).
        throw new ReadoutException("not-installed", "invoice extraction is not installed in this service", null);
    }
}
