package dev.readout.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readout.cli.batch.BatchInputs;
import dev.readout.cli.batch.BatchRunner;
import dev.readout.cli.batch.DocumentJob;
import dev.readout.cli.batch.Manifest;
import dev.readout.core.Pipeline;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.OcrMode;
import dev.readout.core.stage.ReadingOrderModel;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * {@code readout batch} on Apache Spark: the driver lists the documents and the manifest, the executors run
 * {@link DocumentJob} on their share (one {@link Pipeline} per partition) and write the outputs straight into the
 * output folder, which must therefore be a file system every executor sees at the same path (NFS, a mounted
 * bucket, or the local disk in local mode); the driver alone appends to {@code manifest.jsonl}. A re-run skips
 * what the manifest lists as done, exactly as the single-machine batch does, and the files are the same.
 *
 * <pre>spark-submit --class dev.readout.spark.SparkBatch readout-spark.jar INPUT... --out DIR
 *     [--formats json,text,alto,page-xml] [--partitions N] [--lang eng] [--ocr auto] [--dpi 300] [--no-layout]</pre>
 */
public final class SparkBatch {
    private SparkBatch() {
    }

    /** Everything an executor needs to rebuild the job: plain values only (Serializable). */
    public record Settings(String out, List<String> formats, int dpi, String ocr, List<String> languages, boolean layout)
            implements Serializable {
        IngestOptions options() {
            return IngestOptions.DEFAULT.withDpi(dpi).withOcr(OcrMode.valueOf(ocr.toUpperCase(Locale.ROOT))).withLanguages(languages);
        }

        BatchRunner.Config config(int workers) {
            return new BatchRunner.Config(List.of(), Path.of(out), formats, options(), workers);
        }
    }

    /** One document, as plain strings. */
    public record ItemSpec(String name, String origin, String file, String zip, String entry) implements Serializable {
        static ItemSpec of(BatchInputs.Item i) {
            return new ItemSpec(i.name(), i.origin(), i.file() == null ? null : i.file().toString(),
                    i.zip() == null ? null : i.zip().toString(), i.entry());
        }

        BatchInputs.Item item() {
            return new BatchInputs.Item(name, origin, file == null ? null : Path.of(file), zip == null ? null : Path.of(zip), entry);
        }
    }

    /** Runs the batch over {@code inputs} with {@code partitions} Spark tasks; returns the run's summary. */
    public static BatchRunner.Summary run(SparkSession spark, List<Path> inputs, Settings settings, int partitions) throws IOException {
        long t0 = System.nanoTime();
        Path out = Path.of(settings.out());
        Files.createDirectories(out);
        Manifest manifest = new Manifest(out);
        List<ItemSpec> items = BatchInputs.list(inputs).stream().map(ItemSpec::of).toList();
        Map<String, Manifest.Finished> done = new HashMap<>(manifest.finished(out));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Map<String, Manifest.Finished>> doneB = jsc.broadcast(done);
        List<String> results = jsc.parallelize(items, Math.max(1, Math.min(partitions, Math.max(1, items.size()))))
                .mapPartitions((Iterator<ItemSpec> it) -> runPartition(it, settings, doneB.value()))
                .collect();
        ObjectMapper om = new ObjectMapper();
        int processed = 0;
        int skipped = 0;
        int failed = 0;
        int partial = 0;
        long pages = 0;
        for (String r : results) {
            ObjectNode o = (ObjectNode) om.readTree(r);
            DocumentJob.Outcome outcome = DocumentJob.Outcome.valueOf(o.get("outcome").asText());
            if (o.hasNonNull("entry")) {
                manifest.put((ObjectNode) o.get("entry"));
            }
            pages += o.path("pages").asLong();
            switch (outcome) {
                case SKIPPED -> skipped++;
                case FAILED_BEFORE -> {
                    skipped++;
                    failed++;
                }
                case FAILED -> failed++;
                case PARTIAL -> partial++;
                default -> { }
            }
            if (outcome != DocumentJob.Outcome.SKIPPED && outcome != DocumentJob.Outcome.FAILED_BEFORE) {
                processed++;
            }
        }
        return new BatchRunner.Summary(items.size(), processed, skipped, failed, partial, pages, (System.nanoTime() - t0) / 1e9);
    }

    private static Iterator<String> runPartition(Iterator<ItemSpec> it, Settings settings, Map<String, Manifest.Finished> done) throws IOException {
        List<String> out = new ArrayList<>();
        if (!it.hasNext()) {
            return out.iterator();
        }
        ObjectMapper om = new ObjectMapper();
        try (Pipeline pipeline = settings.layout() ? Pipeline.discover(1) : Pipeline.discover(1, s -> s instanceof ReadingOrderModel)) {
            DocumentJob job = new DocumentJob(settings.config(pipeline.workers()), pipeline);
            while (it.hasNext()) {
                ItemSpec spec = it.next();
                DocumentJob.Result r = job.run(spec.item(), (sha, name, s) -> Manifest.doneStatus(done, sha, name, s));
                ObjectNode o = om.createObjectNode();
                o.put("outcome", r.outcome().name());
                o.set("entry", r.entry());
                o.put("pages", r.pages());
                out.add(om.writeValueAsString(o));
            }
        }
        return out.iterator();
    }

    public static void main(String[] args) throws Exception {
        List<Path> inputs = new ArrayList<>();
        String out = null;
        List<String> formats = List.of("json", "text", "alto", "page-xml");
        int partitions = 0;
        int dpi = 300;
        String ocr = "auto";
        List<String> langs = List.of("eng");
        boolean layout = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = args[++i];
                case "--formats" -> formats = Arrays.stream(args[++i].split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                case "--dpi" -> dpi = Integer.parseInt(args[++i]);
                case "--ocr" -> ocr = args[++i];
                case "--lang" -> langs = Arrays.stream(args[++i].split("\\+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                case "--no-layout" -> layout = false;
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                    inputs.add(Path.of(args[i]));
                }
            }
        }
        if (out == null || inputs.isEmpty()) {
            System.err.println("usage: SparkBatch INPUT... --out DIR [--formats LIST] [--partitions N] [--lang L] [--ocr MODE] [--dpi N] [--no-layout]");
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().appName("readout-batch").getOrCreate();
        try {
            int parts = partitions > 0 ? partitions : Math.max(1, spark.sparkContext().defaultParallelism());
            BatchRunner.Summary s = run(spark, inputs, new Settings(out, formats, dpi, ocr, langs, layout), parts);
            System.err.printf(Locale.ROOT, "readout spark batch: %d document(s): %d processed, %d skipped, %d failed, %d partial; %d page(s) in %.1f s%n",
                    s.documents(), s.processed(), s.skipped(), s.failed(), s.partial(), s.pages(), s.seconds());
            System.exit(s.failed() + s.partial() > 0 ? 1 : 0);
        } finally {
            spark.stop();
        }
    }
}
