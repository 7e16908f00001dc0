package dev.readout.eval.sroie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readout.core.Pipeline;
import dev.readout.core.json.DocumentJson;
import dev.readout.core.model.Document;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.PageSelection;
import dev.readout.vqa.invoice.Field;
import dev.readout.vqa.invoice.InvoiceExtractor;
import dev.readout.vqa.invoice.InvoiceFields;
import dev.readout.vqa.values.Dates;
import dev.readout.vqa.values.Money;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * SROIE key-information extraction end to end: each receipt image ({@code img/ID.jpg}) goes through our ingest and
 * OCR, then {@link InvoiceExtractor}; the four SROIE fields are compared with {@code key/ID.json}:
 * {@code company} ← vendor name, {@code address} ← vendor address, {@code date} ← invoice date, {@code total} ← total.
 * Normalisation before the exact match: company and address upper-cased with all white space removed; dates equal
 * when both read as the same calendar date (day first, as on these receipts), else as normalised strings; totals
 * equal as numbers (so {@code RM 9.00}, {@code $9.00} and {@code 9.00} match: the ground truth adds the currency
 * at random, a known SROIE inconsistency). A missing prediction is wrong.
 */
public final class SroieEvaluation {
    public static final List<String> FIELDS = List.of("company", "date", "address", "total");

    private SroieEvaluation() {
    }

    /** One receipt: gold and predicted values per field. */
    public record Receipt(String id, Map<String, String> gold, Map<String, String> predicted, Map<String, Boolean> correct, double seconds) {
    }

    /** The ids under {@code dir/key} with an image in {@code dir/img}, in name order. */
    public static List<String> ids(Path dir, int limit) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir.resolve("key"))) {
            for (Path k : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String id = k.getFileName().toString().replaceFirst("\\.json$", "");
                if (image(dir, id).isPresent()) {
                    out.add(id);
                }
                if (limit > 0 && out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    static Optional<Path> image(Path dir, String id) {
        for (String ext : List.of(".jpg", ".jpeg", ".png", ".JPG")) {
            Path p = dir.resolve("img").resolve(id + ext);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static Receipt evaluate(Pipeline pipeline, IngestOptions options, Path dir, String id) throws IOException {
        return evaluate(pipeline, options, dir, id, null);
    }

    /**
     * One receipt. With {@code documents} (a folder, or null), the processed document is read from
     * {@code documents/ID.json} when that file exists, else processed and written there: the OCR is then done once
     * and the extractor can be re-run alone. The cache knows nothing of changed OCR code or options: empty the
     * folder when those change.
     */
    public static Receipt evaluate(Pipeline pipeline, IngestOptions options, Path dir, String id, Path documents) throws IOException {
        return evaluate(img -> pipeline.process(img, img.getFileName().toString(), options, PageSelection.ALL, null), dir, id, documents);
    }

    /** One receipt, its image read into a document by {@code reader} (our pipeline, or another OCR engine). */
    public static Receipt evaluate(java.util.function.Function<Path, Document> reader, Path dir, String id, Path documents) throws IOException {
        JsonNode key = new ObjectMapper().readTree(dir.resolve("key").resolve(id + ".json").toFile());
        Path img = image(dir, id).orElseThrow();
        long t0 = System.nanoTime();
        Path cached = documents == null ? null : documents.resolve(id + ".json");
        Document doc;
        if (cached != null && Files.isRegularFile(cached)) {
            doc = DocumentJson.read(Files.readString(cached));
        } else {
            doc = reader.apply(img);
            if (cached != null) {
                Files.createDirectories(documents);
                Files.writeString(cached, DocumentJson.write(doc));
            }
        }
        InvoiceFields f = new InvoiceExtractor().extract(doc);
        double secs = (System.nanoTime() - t0) / 1e9;
        Map<String, String> gold = new LinkedHashMap<>();
        Map<String, String> pred = new LinkedHashMap<>();
        Map<String, Boolean> ok = new LinkedHashMap<>();
        Map<String, String> ours = Map.of("company", "vendor_name", "date", "invoice_date", "address", "vendor_address", "total", "total");
        for (String name : FIELDS) {
            String g = key.path(name).asText("");
            Field field = f.get(ours.get(name));
            String p = field == null ? null : field.text();
            gold.put(name, g);
            pred.put(name, p);
            ok.put(name, p != null && match(name, g, p));
        }
        return new Receipt(id, gold, pred, ok, secs);
    }

    static boolean match(String field, String gold, String predicted) {
        switch (field) {
            case "total" -> {
                Optional<Money> a = Money.parse(gold);
                Optional<Money> b = Money.parse(predicted);
                return a.isPresent() && b.isPresent() && a.get().amount().compareTo(b.get().amount()) == 0;
            }
            case "date" -> {
                Optional<Dates.Parsed> a = Dates.parse(gold, Dates.Order.DAY_FIRST);
                Optional<Dates.Parsed> b = Dates.parse(predicted, Dates.Order.DAY_FIRST);
                if (a.isPresent() && b.isPresent()) {
                    return a.get().date().equals(b.get().date());
                }
                return norm(gold).equals(norm(predicted));
            }
            default -> {
                return norm(gold).equals(norm(predicted));
            }
        }
    }

    static String norm(String s) {
        return s.toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
    }

    /** {@code fields.<name>.accuracy}, {@code mean_accuracy}, {@code documents}, {@code seconds}. */
    public static Map<String, Object> summary(List<Receipt> receipts) {
        Map<String, Object> fields = new LinkedHashMap<>();
        double mean = 0;
        for (String name : FIELDS) {
            long right = receipts.stream().filter(r -> r.correct().get(name)).count();
            double acc = receipts.isEmpty() ? 0 : right / (double) receipts.size();
            mean += acc;
            fields.put(name, Map.of("accuracy", Math.round(acc * 1e4) / 1e4, "correct", right));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fields", fields);
        out.put("mean_accuracy", Math.round(mean / FIELDS.size() * 1e4) / 1e4);
        out.put("documents", receipts.size());
        out.put("seconds", Math.round(receipts.stream().mapToDouble(Receipt::seconds).sum() * 10) / 10.0);
        return out;
    }
}
