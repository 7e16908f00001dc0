package dev.readout.api.http;

import dev.readout.api.ApiConfig;
import dev.readout.api.jobs.JobOptions;
import dev.readout.api.jobs.JobService;
import dev.readout.api.spi.InvoiceExtractor;
import dev.readout.api.store.Job;
import dev.readout.api.store.JobStatus;
import dev.readout.api.store.Storage;
import dev.readout.core.error.ReadoutException;
import dev.readout.core.json.DocumentJson;
import dev.readout.core.model.Document;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * What the upload endpoints share ({@code POST /v1/documents} and {@code POST /v1/extract/invoice}): receiving the
 * document as multipart or raw body and queueing it, and the job as the API shows it.
 */
@ApplicationScoped
public class Intake {
    @Inject
    ApiConfig config;

    @Inject
    JobService jobs;

    @Inject
    Storage storage;

    @Inject
    Instance<InvoiceExtractor> invoiceExtractors;

    /** Queues a multipart upload (field {@code file}); {@code invoice} true asks for invoice fields whatever the query says. */
    Job fromForm(FileUpload file, DocumentsResource.Options o, boolean invoice) throws IOException {
        if (file == null || file.uploadedFile() == null) {
            throw new IllegalArgumentException("the multipart form needs a field 'file' holding the document");
        }
        JobOptions options = options(o, invoice);
        java.nio.file.Path received = storage.files().newIncoming();
        Files.move(file.uploadedFile(), received, StandardCopyOption.REPLACE_EXISTING);
        return jobs.submit(received, file.fileName(), options);
    }

    /** Queues a raw-body upload, named by {@code ?filename=} or the Content-Disposition header. */
    Job fromBody(InputStream body, String disposition, DocumentsResource.Options o, boolean invoice) throws IOException {
        JobOptions options = options(o, invoice);
        if (body == null) {
            throw new IllegalArgumentException("the request has no body: send the document as the body or as multipart field 'file'");
        }
        java.nio.file.Path received = storage.files().receive(body, config.limits().maxUploadBytes());
        String name = o.filename != null ? o.filename : fileNameOf(disposition);
        return jobs.submit(received, name, options);
    }

    private JobOptions options(DocumentsResource.Options o, boolean invoice) {
        JobOptions options = JobOptions.parse(o.ocr, o.lang, o.dpi, o.pages, invoice || Boolean.TRUE.equals(o.invoice),
                o.timeout, o.segmentation, o.ocrEngine, config.limits().maxDpi());
        if (options.invoice() && invoiceExtractors.isUnsatisfied()) {
            throw new ReadoutException("not-installed", "invoice extraction is not installed in this service", null);
        }
        return options;
    }

    private static String fileNameOf(String disposition) {
        if (disposition == null) {
            return null;
        }
        var m = java.util.regex.Pattern.compile("filename=\"?([^\";]+)\"?").matcher(disposition);
        return m.find() ? m.group(1) : null;
    }

    /**
     * The job as the API shows it; once finished, {@code withResult} adds the document (the CLI's JSON) and
     * {@code withInvoice} the invoice fields (the JSON of {@code readout extract --invoice}) when they were asked for.
     */
    JobView view(Job j, boolean withResult, boolean withInvoice) {
        List<JobView.Error> errors = new ArrayList<>();
        if (j.errorCode() != null) {
            errors.add(new JobView.Error(j.errorCode(), j.errorMessage(), null));
        }
        String result = null;
        String invoice = null;
        if (j.status().terminal()) {
            String json = storage.jobs().result(j.id()).orElse(null);
            if (json != null) {
                Document d = DocumentJson.read(json);
                d.errors().forEach(e -> errors.add(new JobView.Error(e.code(), e.message(), e.page())));
                result = withResult ? json : null;
            }
            invoice = withInvoice ? storage.jobs().invoice(j.id()).orElse(null) : null;
        }
        int[] live = j.status() == JobStatus.RUNNING ? jobs.liveProgress(j.id()).orElse(null) : null;
        return JobView.of(j, live, errors, result, invoice);
    }
}
