package dev.readout.cli;

import dev.readout.cli.bench.BenchDocs;
import dev.readout.core.Pipeline;
import dev.readout.core.json.DocumentJson;
import dev.readout.core.model.Document;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.PageSelection;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code readout bench pdf|ocr|scaling|memory}: speed and memory against peers on generated inputs.
 * Times are wall-clock medians of warm runs (the JVM, fonts, OpenCV and Tesseract handles loaded by a
 * first, untimed run), as a long-running service or batch job sees them.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: pdf (text layer vs pdftotext), ocr (one page vs tesseract CLI), scaling (1 vs N workers), memory (500-page PDF), layout (one model window), reading-order (one 200-line page), batch (documents/s, 1 vs N workers; peak RSS), qa (latency of one question on a processed page).",
        subcommands = {BenchCommand.Pdf.class, BenchCommand.Ocr.class, BenchCommand.Scaling.class, BenchCommand.Memory.class,
                BenchCommand.Layout.class, BenchCommand.ReadingOrder.class, BenchCommand.Batch.class, BenchCommand.Qa.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalArgumentException("name a benchmark: pdf, ocr, scaling or memory (see readout bench --help)");
    }

    static Path workDir() throws IOException {
        Path d = Path.of(System.getProperty("java.io.tmpdir"), "readout-bench");
        Files.createDirectories(d);
        return d;
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    /** Ingest and reading order only: what pdftotext and the tesseract CLI are compared with. */
    static Pipeline extractionPipeline(int workers) {
        return Pipeline.discover(workers, stage -> stage instanceof dev.readout.core.stage.ReadingOrderModel);
    }

    static double timeProcess(List<String> cmd, Path out) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("OMP_THREAD_LIMIT", "1");
        long t = System.nanoTime();
        Process p = pb.start();
        int rc = p.waitFor();
        double s = (System.nanoTime() - t) / 1e9;
        if (rc != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed with exit code " + rc + " (see " + out + ")");
        }
        return s;
    }

    static double timeReadout(Pipeline pipeline, Path file, IngestOptions opts, Path jsonOut) throws IOException {
        long t = System.nanoTime();
        Document d = pipeline.process(file, file.getFileName().toString(), opts, PageSelection.ALL, null);
        try (OutputStream o = Files.newOutputStream(jsonOut)) {
            DocumentJson.write(d, o);
        }
        return (System.nanoTime() - t) / 1e9;
    }

    /**
     * Medians of {@code runs} alternating timings of our extraction pipeline and of a peer command on the same
     * input, after {@code warmups} untimed runs of ours: {@code [ours, peer]} in seconds. A 100-page PDF needs
     * several warm-up runs before the JIT has compiled the hot paths: with one, medians of 5 runs ranged from 1.5× to
     * 3.2× pdftotext from one JVM to the next; with 15 runs they settled at 1.2–1.5×.
     */
    static double[] versusPeer(int workers, Path input, int runs, int warmups, Path jsonOut, List<String> peerCmd, Path peerLog)
            throws IOException, InterruptedException {
        List<Double> ours = new ArrayList<>();
        List<Double> peer = new ArrayList<>();
        try (Pipeline p = extractionPipeline(workers)) {
            for (int i = 0; i < warmups; i++) {
                timeReadout(p, input, IngestOptions.DEFAULT, jsonOut);
            }
            for (int i = 0; i < runs; i++) {
                ours.add(timeReadout(p, input, IngestOptions.DEFAULT, jsonOut));
                peer.add(timeProcess(peerCmd, peerLog));
            }
        }
        return new double[] {median(ours), median(peer)};
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException e) {
            // keep the default
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version");
    }

    @Command(name = "pdf", description = "Text-layer extraction of an N-page born-digital PDF vs pdftotext -bbox-layout.")
    static final class Pdf implements Callable<Integer> {
        @Option(names = "--pages", defaultValue = "100") int pages;
        @Option(names = "--runs", defaultValue = "5") int runs;
        @Option(names = "--warmups", defaultValue = "5", description = "untimed runs first, for the JIT (default: ${DEFAULT-VALUE})") int warmups;
        @Option(names = "--workers", description = "default: all cores") Integer workers;

        @Override
        public Integer call() throws Exception {
            Path dir = workDir();
            Path pdf = dir.resolve("bench-" + pages + ".pdf");
            BenchDocs.pdf(pdf, pages);
            int w = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
            double[] med = versusPeer(w, pdf, runs, warmups, dir.resolve("out.json"),
                    List.of("pdftotext", "-bbox-layout", pdf.toString(), dir.resolve("out.html").toString()), dir.resolve("pdftotext.log"));
            double o = med[0];
            double t = med[1];
            System.out.printf(Locale.ROOT, "machine: %s%nbench pdf: %d pages, %d runs after %d warm-up runs, %d workers%n"
                    + "readout (text layer + JSON): median %.3f s (%.0f pages/s)%npdftotext -bbox-layout:      median %.3f s (%.0f pages/s)%n"
                    + "ratio readout/pdftotext: %.2f (target <= 2.0)%n", machine(), pages, runs, warmups, w, o, pages / o, t, pages / t, o / t);
            return 0;
        }
    }

    @Command(name = "ocr", description = "OCR of one 300-dpi page: our whole path (decode, clean-up, Tesseract) vs the tesseract command line.")
    static final class Ocr implements Callable<Integer> {
        @Option(names = "--runs", defaultValue = "5") int runs;
        @Option(names = "--file", description = "page image to use (default: a generated A4 page of prose)") Path file;

        @Override
        public Integer call() throws Exception {
            Path dir = workDir();
            Path img = file;
            if (img == null) {
                img = dir.resolve("page300.png");
                ImageIO.write(BenchDocs.scanPage(7), "png", img.toFile());
            }
            double[] med = versusPeer(1, img, runs, 1, dir.resolve("ocr.json"),
                    List.of("tesseract", img.toString(), dir.resolve("tess").toString(), "-l", "eng", "--psm", "3", "tsv"),
                    dir.resolve("tesseract.log"));
            double o = med[0];
            double t = med[1];
            System.out.printf(Locale.ROOT, "machine: %s%nbench ocr: %s, %d runs, one worker, OMP_THREAD_LIMIT=1 for both%n"
                    + "readout (decode + deskew/orientation/clean-up + Tesseract + JSON): median %.3f s%n"
                    + "tesseract CLI (-l eng --psm 3 tsv):                               median %.3f s%n"
                    + "ratio readout/tesseract: %.2f (target <= 1.2)%n", machine(), img.getFileName(), runs, o, t, o / t);
            return 0;
        }
    }

    @Command(name = "scaling", description = "Throughput of a multi-page scan with 1 worker vs N workers.")
    static final class Scaling implements Callable<Integer> {
        @Option(names = "--pages", defaultValue = "8") int pages;
        @Option(names = "--workers", description = "default: all cores") Integer workers;

        @Override
        public Integer call() throws Exception {
            Path dir = workDir();
            Path tif = dir.resolve("scan-" + pages + ".tif");
            BenchDocs.tiff(tif, pages);
            int n = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
            double one;
            double many;
            try (Pipeline p = extractionPipeline(1)) {
                timeReadout(p, tif, IngestOptions.DEFAULT, dir.resolve("s.json"));
                one = timeReadout(p, tif, IngestOptions.DEFAULT, dir.resolve("s.json"));
            }
            try (Pipeline p = extractionPipeline(n)) {
                timeReadout(p, tif, IngestOptions.DEFAULT, dir.resolve("s.json"));
                many = timeReadout(p, tif, IngestOptions.DEFAULT, dir.resolve("s.json"));
            }
            System.out.printf(Locale.ROOT, "machine: %s%nbench scaling: %d-page CCITT G4 TIFF at 300 dpi%n"
                    + "1 worker:  %.2f s (%.2f pages/s)%n%d workers: %.2f s (%.2f pages/s)%nspeed-up: %.2fx (target >= 1.7 on 2 cores)%n",
                    machine(), pages, one, pages / one, n, many, pages / many, one / many);
            return 0;
        }
    }

    @Command(name = "memory", description = "Peak resident memory while extracting an N-page born-digital PDF (whole JVM, VmHWM).")
    static final class Memory implements Callable<Integer> {
        @Option(names = "--pages", defaultValue = "500") int pages;

        @Override
        public Integer call() throws Exception {
            Path dir = workDir();
            Path pdf = dir.resolve("bench-" + pages + ".pdf");
            BenchDocs.pdf(pdf, pages);
            double s;
            Document d;
            long t = System.nanoTime();
            try (Pipeline p = extractionPipeline(Runtime.getRuntime().availableProcessors())) {
                d = p.process(pdf, pdf.getFileName().toString(), IngestOptions.DEFAULT, PageSelection.ALL, null);
                try (OutputStream o = Files.newOutputStream(dir.resolve("mem.json"))) {
                    DocumentJson.write(d, o);
                }
            }
            s = (System.nanoTime() - t) / 1e9;
            long words = d.pages().stream().mapToLong(pg -> pg.words().size()).sum();
            String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                    .findFirst().orElse("VmHWM: unknown").replaceAll("\\s+", " ");
            System.out.printf(Locale.ROOT, "machine: %s%nbench memory: %d-page PDF (%d MB), %d words, %.1f s, max heap %d MB%npeak RSS (%s)%n",
                    machine(), pages, Files.size(pdf) / (1024 * 1024), words, s, Runtime.getRuntime().maxMemory() / (1024 * 1024), hwm);
            return 0;
        }
    }

    @Command(name = "layout", description = "Layout model: session load, latency of one 512-token window, tokens/s, peak RSS.")
    static final class Layout implements Callable<Integer> {
        @Option(names = "--model", paramLabel = "DIR", description = "model folder (default: the one the pipeline finds)") Path model;
        @Option(names = "--threads", defaultValue = "2") int threads;
        @Option(names = "--runs", defaultValue = "20") int runs;

        @Override
        public Integer call() throws Exception {
            Path dir = model != null ? model : dev.readout.layout.onnx.LayoutModels.locate().dir().orElseThrow(() ->
                    new IllegalArgumentException("no layout model found: give --model DIR"));
            var r = dev.readout.layout.onnx.WindowLatency.measure(dir, threads, runs);
            String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                    .findFirst().orElse("VmHWM: unknown").replaceAll("\\s+", " ");
            System.out.printf(Locale.ROOT, "machine: %s%nbench layout: model %s, %d intra-op threads%nsession load: %.2f s%n"
                    + "one %d-token window: median %.1f ms over %d runs (min %.1f, max %.1f) = %.0f tokens/s%npeak RSS (%s)%n",
                    machine(), r.model(), r.threads(), r.loadSeconds(), r.tokens(), r.medianMs(), runs, r.sortedMs().get(0),
                    r.sortedMs().get(r.sortedMs().size() - 1), r.tokens() / (r.medianMs() / 1000), hwm);
            return 0;
        }
    }

    @Command(name = "reading-order", description = "Reading-order models on one synthetic 200-line page: median latency of each model.")
    static final class ReadingOrder implements Callable<Integer> {
        @Option(names = "--lines", defaultValue = "200", description = "lines on the page (default ${DEFAULT-VALUE})") int lines;
        @Option(names = "--threads", defaultValue = "2", description = "intra-op threads of the learned model (default ${DEFAULT-VALUE})") int threads;
        @Option(names = "--runs", defaultValue = "50") int runs;

        @Override
        public Integer call() throws Exception {
            System.setProperty(dev.readout.reader.neural.NeuralReadingOrder.THREADS_PROPERTY, Integer.toString(threads));
            dev.readout.core.model.Page plain = BenchDocs.pageWithLines(lines);
            // one printed rule across the foot: models/order-lines reads only pages with rules (config "rules_only")
            List<dev.readout.core.model.Region> regions = new ArrayList<>(plain.regions());
            regions.add(new dev.readout.core.model.Region("p1-s1", dev.readout.core.model.Region.SEPARATOR,
                    new dev.readout.core.model.Box(0.05 * plain.width(), 0.985 * plain.height(), 0.95 * plain.width(), 0.986 * plain.height()),
                    List.of(), 1.0, "bench"));
            dev.readout.core.model.Page page = plain.withRegions(regions);
            List<dev.readout.core.stage.ReadingOrderModel> models = new ArrayList<>();
            for (var s : java.util.ServiceLoader.load(dev.readout.core.stage.PageStage.class)) {
                if (s instanceof dev.readout.core.stage.ReadingOrderModel m && s.available()) {
                    models.add(m);
                }
            }
            System.out.printf(Locale.ROOT, "machine: %s%nbench reading-order: one page of %d lines (synthetic, through our ingest) and one printed rule, %d runs, %d intra-op threads%n",
                    machine(), page.lines().size(), runs, threads);
            for (var m : models) {
                long t0 = System.nanoTime();
                m.order(page);
                double first = (System.nanoTime() - t0) / 1e6;
                List<Double> ms = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    long t = System.nanoTime();
                    m.order(page);
                    ms.add((System.nanoTime() - t) / 1e6);
                }
                ms.sort(null);
                System.out.printf(Locale.ROOT, "%-22s median %.2f ms (min %.2f, max %.2f); first call (incl. model load) %.0f ms%n",
                        m.name(), median(ms), ms.get(0), ms.get(ms.size() - 1), first);
                if (m instanceof AutoCloseable c) {
                    c.close();
                }
            }
            return 0;
        }
    }

    @Command(name = "batch", description = {"readout batch throughput: D one-page 300-dpi scans (PNG) with 1 worker, then N workers,",
        "each into a fresh output folder (json,text); then, with --pdf-pages P, one more run of N workers over",
        "P pages of born-digital PDFs (10 pages each) for the peak RSS of a long run."})
    static final class Batch implements Callable<Integer> {
        @Option(names = "--docs", defaultValue = "16", description = "one-page scans (default ${DEFAULT-VALUE})") int docs;
        @Option(names = "--workers", description = "default: all cores") Integer workers;
        @Option(names = "--pdf-pages", defaultValue = "0", description = "pages of born-digital PDFs for the memory run (0: none)") int pdfPages;

        @Override
        public Integer call() throws Exception {
            Path dir = workDir().resolve("batch");
            deleteTree(dir);
            Path scans = Files.createDirectories(dir.resolve("scans"));
            for (int i = 0; i < docs; i++) {
                ImageIO.write(BenchDocs.scanPage(1000 + i), "png", scans.resolve(String.format("scan-%03d.png", i)).toFile());
            }
            int n = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
            java.io.PrintWriter quiet = new java.io.PrintWriter(java.io.OutputStream.nullOutputStream());
            System.out.printf(Locale.ROOT, "machine: %s%nbench batch: %d one-page 300-dpi scans (PNG), formats json,text%n", machine(), docs);
            double one = 0;
            for (int w : new int[] {1, n}) {
                try (Pipeline p = extractionPipeline(w)) {
                    var cfg = new dev.readout.cli.batch.BatchRunner.Config(List.of(scans), dir.resolve("out-" + w), List.of("json", "text"),
                            IngestOptions.DEFAULT, w);
                    var s = new dev.readout.cli.batch.BatchRunner(cfg, p, quiet).run();
                    if (w == 1) {
                        one = s.seconds();
                    }
                    System.out.printf(Locale.ROOT, "%d worker(s): %.1f s, %.2f pages/s%s%n", w, s.seconds(), s.pagesPerSecond(),
                            w == 1 ? "" : String.format(Locale.ROOT, ", speed-up %.2fx (target >= 1.7)", one / s.seconds()));
                }
            }
            if (pdfPages > 0) {
                Path pdfs = Files.createDirectories(dir.resolve("pdfs"));
                Path ten = dir.resolve("ten.pdf");
                BenchDocs.pdf(ten, 10);
                for (int i = 0; i < (pdfPages + 9) / 10; i++) {
                    // same content would be skipped as a duplicate only under the same name: every copy is processed
                    Files.copy(ten, pdfs.resolve(String.format("doc-%04d.pdf", i)));
                }
                try (Pipeline p = extractionPipeline(n)) {
                    var cfg = new dev.readout.cli.batch.BatchRunner.Config(List.of(pdfs), dir.resolve("out-pdf"), List.of("json", "text", "alto"),
                            IngestOptions.DEFAULT, n);
                    var s = new dev.readout.cli.batch.BatchRunner(cfg, p, quiet).run();
                    String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                            .findFirst().orElse("VmHWM: unknown").replaceAll("\\s+", " ");
                    System.out.printf(Locale.ROOT, "memory run: %d documents, %d pages, %d workers, %.1f s (%.1f pages/s), max heap %d MB, peak RSS of the whole run (%s)%n",
                            s.documents(), s.pages(), n, s.seconds(), s.pagesPerSecond(), Runtime.getRuntime().maxMemory() / (1024 * 1024), hwm);
                }
            }
            return 0;
        }

        private static void deleteTree(Path d) throws IOException {
            if (Files.exists(d)) {
                try (var s = Files.walk(d)) {
                    for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    @Command(name = "qa", description = "Question answering: latency of one question on a processed one-page document (median, p95), QA model with 2 intra-op threads.")
    static final class Qa implements Callable<Integer> {
        static final List<String> QUESTIONS = List.of("What is the total due?", "When is the invoice due?", "What is the invoice number?",
                "Who is the vendor?", "What is the PO number?", "How much VAT?", "Who approved it?", "What is the cost centre?",
                "What is the capital of France?", "What is the subtotal?");

        @Option(names = "--file", paramLabel = "FILE", description = "one-page document (default: sample-docs/invoice.pdf)") Path file;
        @Option(names = "--questions", defaultValue = "50", description = "questions timed (default ${DEFAULT-VALUE}), cycling through ten invoice questions") int n;
        @Option(names = "--threads", defaultValue = "2", description = "intra-op threads of the QA model (default ${DEFAULT-VALUE})") int threads;
        @Option(names = "--answerer", defaultValue = "fused", description = "fused|model|key-value (default ${DEFAULT-VALUE})") String answerer;

        @Override
        public Integer call() throws Exception {
            Path doc = file != null ? file : Path.of("sample-docs/invoice.pdf");
            if (!Files.isRegularFile(doc)) {
                throw new IllegalArgumentException("no such file " + doc + " (give --file)");
            }
            dev.readout.core.model.Document d;
            try (Pipeline p = Pipeline.discover(1)) {
                d = p.process(doc, doc.getFileName().toString(), IngestOptions.DEFAULT, PageSelection.ALL, null);
            }
            QaOptions o = new QaOptions();
            o.answerer = answerer;
            dev.readout.vqa.qa.DocumentQa.Mode mode = o.mode();
            long tl = System.nanoTime();
            Path dir = mode == dev.readout.vqa.qa.DocumentQa.Mode.KEY_VALUE ? null : dev.readout.vqa.qa.onnx.QaModels.locate().dir()
                    .orElseThrow(() -> new IllegalArgumentException("no QA model found"));
            try (var model = dir == null ? null : dev.readout.vqa.qa.onnx.OnnxQaModel.load(dir, threads)) {
                double load = (System.nanoTime() - tl) / 1e9;
                var qa = new dev.readout.vqa.qa.DocumentQa(d, model, mode);
                qa.ask(QUESTIONS.get(0)); // warm-up, untimed
                List<Double> ms = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    long t = System.nanoTime();
                    qa.ask(QUESTIONS.get(i % QUESTIONS.size()));
                    ms.add((System.nanoTime() - t) / 1e6);
                }
                List<Double> sorted = new ArrayList<>(ms);
                sorted.sort(null);
                double p95 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(0.95 * sorted.size()) - 1));
                System.out.printf(Locale.ROOT, "machine: %s%nbench qa: %s, %d words on page 1, answerer %s, %d intra-op threads, model load %.2f s%n"
                        + "one question: median %.1f ms, p95 %.1f ms, max %.1f ms over %d questions (target <= 300 ms)%n",
                        machine(), doc.getFileName(), d.pages().get(0).words().size(), mode.name().toLowerCase(Locale.ROOT).replace('_', '-'), threads, load,
                        median(ms), p95, sorted.get(sorted.size() - 1), n);
            }
            return 0;
        }
    }
}
