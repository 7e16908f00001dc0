package dev.readout.cli;

import dev.readout.core.Pipeline;
import dev.readout.core.export.AltoExporter;
import dev.readout.core.export.HocrExporter;
import dev.readout.core.export.PageXmlExporter;
import dev.readout.core.export.TextExporter;
import dev.readout.core.json.DocumentJson;
import dev.readout.core.model.Document;
import dev.readout.core.model.DocumentStatus;
import dev.readout.core.model.PageError;
import dev.readout.core.stage.PageSelection;
import dev.readout.ingest.maps.MapImages;
import dev.readout.ingest.maps.MapOutputs;
import dev.readout.ingest.maps.MapTextReader;
import dev.readout.ingest.maps.PpOcrModel;
import dev.readout.vqa.invoice.InvoiceExtractor;
import dev.readout.vqa.invoice.InvoiceFields;
import dev.readout.vqa.invoice.InvoiceJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code readout extract FILE}: words, lines, regions and reading order as JSON, text, hOCR or ALTO. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Extract the words (with boxes), lines and regions of a PDF or scan.")
final class ExtractCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "PDF, PNG, JPEG, TIFF, JPEG 2000 or BMP (type detected from content).")
    Path file;

    @Option(names = {"-f", "--format"}, defaultValue = "json", description = {"json|text|hocr|alto|page-xml (default ${DEFAULT-VALUE}).",
            "page-xml holds one page per file: a document of several pages needs --out DIR (one FILE-pN.xml per page)."})
    String format;

    @Option(names = "--pages", description = "Pages to process, e.g. 1-3,7 (default all).")
    String pages;

    @Option(names = "--key-values", description = "With --format text: also list the key: value pairs the layout model linked.")
    boolean keyValues;

    @Option(names = "--invoice", description = {"Invoice fields instead of the document: vendor name and address, invoice number,",
            "dates, currency, subtotal, tax, total and line items, each with its evidence (page, word ids, box) and a",
            "score; JSON (default) or, with --format text, 'name: value' lines."})
    boolean invoice;

    @Option(names = {"-o", "--out"}, description = "Write to this file instead of stdout.")
    Path out;

    @Option(names = "--profile", defaultValue = "document", paramLabel = "NAME", description = {
            "document|newspaper|map|auto (default ${DEFAULT-VALUE}; newspaper = document with --segmentation columns). map: text labels at any",
            "rotation on a map image",
            "(tiles, PP-OCRv4 detection and recognition); --format json gives GeoJSON-style features (polygon in",
            "pixels, text, score, phrase), alto ALTO with each word's polygon, text one phrase per line.",
            "auto: map for a near-square or huge image (see README), document otherwise."})
    String profile;

    @Mixin
    CommonOptions common;

    @Mixin
    MapOptionsMixin map;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String fmt = format.toLowerCase();
        if (!java.util.Set.of("json", "text", "hocr", "alto", "page-xml").contains(fmt)) {
            throw new IllegalArgumentException("--format must be json, text, hocr, alto or page-xml, not '" + format + "'");
        }
        if (Profiles.isMap(profile, file, common.ingestOptions().limits())) {
            if (invoice || pages != null) {
                throw new IllegalArgumentException("--invoice and --pages do not apply to the map profile");
            }
            return extractMap(fmt);
        }
        PageSelection selection = PageSelection.parse(pages);
        var options = common.ingestOptions(Profiles.segmentation(profile));
        Document doc;
        try (Pipeline pipeline = common.pipeline();
             Progress progress = new Progress(spec.commandLine().getErr(), file.getFileName().toString())) {
            doc = pipeline.process(file, file.getFileName().toString(), options, selection, progress);
        }
        if (invoice) {
            if (!fmt.equals("json") && !fmt.equals("text")) {
                throw new IllegalArgumentException("--invoice gives json or text, not " + format);
            }
            InvoiceFields fields = new InvoiceExtractor().extract(doc);
            String r = fmt.equals("text") ? InvoiceJson.text(fields) : InvoiceJson.write(fields) + "\n";
            if (out != null) {
                Files.writeString(out, r, StandardCharsets.UTF_8);
            } else {
                spec.commandLine().getOut().print(r);
                spec.commandLine().getOut().flush();
            }
            return reportErrors(doc);
        }
        if (fmt.equals("page-xml") && (doc.pages().size() != 1 || (out != null && Files.isDirectory(out)))) {
            writePageXml(doc);
            return reportErrors(doc);
        }
        String rendered = switch (fmt) {
            case "page-xml" -> new PageXmlExporter().export(doc, doc.pages().get(0), pageImageName(1), created());
            case "text" -> new TextExporter(true, keyValues).export(doc);
            case "hocr" -> new HocrExporter().export(doc);
            case "alto" -> new AltoExporter().export(doc);
            default -> DocumentJson.write(doc) + "\n";
        };
        emit(rendered);
        return reportErrors(doc);
    }

    private int extractMap(String fmt) throws IOException {
        if (!java.util.Set.of("json", "alto", "text").contains(fmt)) {
            throw new IllegalArgumentException("--profile map gives json, alto or text, not '" + format + "'");
        }
        var mapOptions = map.options();
        MapImages.Read r;
        try (PpOcrModel model = PpOcrModel.discover(mapOptions.threads()); MapTextReader reader = new MapTextReader(model, mapOptions)) {
            r = MapImages.read(file, file.getFileName().toString(), common.ingestOptions().limits(), reader);
        }
        String rendered = switch (fmt) {
            case "alto" -> MapOutputs.alto(r.text(), r.source(), r.dpi());
            case "text" -> MapOutputs.text(r.text());
            default -> MapOutputs.featuresJson(r.text(), r.source().name());
        };
        emit(rendered);
        return 0;
    }

    private void emit(String rendered) throws IOException {
        if (out != null) {
            Files.writeString(out, rendered, StandardCharsets.UTF_8);
        } else {
            PrintWriter w = spec.commandLine().getOut();
            w.print(rendered);
            w.flush();
        }
    }

    private int reportErrors(Document doc) {
        for (PageError e : doc.errors()) {
            spec.commandLine().getErr().println("readout: page " + e.page() + ": " + e.message());
        }
        return doc.status() == DocumentStatus.SUCCEEDED ? 0 : 1;
    }

    private void writePageXml(Document doc) throws IOException {
        if (out == null) {
            throw new IllegalArgumentException("--format page-xml: the document has " + doc.pages().size()
                    + " pages and PAGE-XML holds one page per file: give --out DIR");
        }
        Files.createDirectories(out);
        PageXmlExporter x = new PageXmlExporter();
        String created = created();
        for (var p : doc.pages()) {
            String name = stem() + "-p" + p.number() + ".xml";
            Files.writeString(out.resolve(name), x.export(doc, p, pageImageName(p.number()), created), StandardCharsets.UTF_8);
        }
    }

    private String stem() {
        return file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
    }

    /** The page image a PAGE-XML file names: FILE-pN.png (what "readout batch" writes beside it). */
    private String pageImageName(int page) {
        return stem() + "-p" + page + ".png";
    }

    private static String created() {
        return java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
