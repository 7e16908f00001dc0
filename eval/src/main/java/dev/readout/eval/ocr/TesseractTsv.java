package dev.readout.eval.ocr;

import dev.readout.core.model.Box;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The plain Tesseract command line, {@code tesseract IMAGE stdout -l LANG tsv} (default page segmentation,
 * psm 3), and a parser for its TSV output. Each run gets {@code OMP_THREAD_LIMIT=1} so that parallel runs do
 * not oversubscribe the cores.
 */
public final class TesseractTsv {
    /** Threads that drain the processes' output (not the common pool: blocking reads would starve it). */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tesseract-output");
        t.setDaemon(true);
        return t;
    });

    private final String binary;
    private final String languages;
    private final long timeoutSeconds;

    public TesseractTsv(String binary, String languages, long timeoutSeconds) {
        this.binary = binary;
        this.languages = languages;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** A level-5 (word) row of the TSV output. {@code conf} is Tesseract's 0–100 word confidence. */
    public record TsvWord(String text, Box box, double conf) {
    }

    /**
     * Parses Tesseract TSV: a header line, then rows {@code level page_num block_num par_num line_num word_num
     * left top width height conf text}. Keeps level-5 (word) rows with non-blank text.
     */
    public static List<TsvWord> parse(String tsv) {
        List<TsvWord> out = new ArrayList<>();
        String[] lines = tsv.split("\r?\n");
        for (String line : lines) {
            if (line.isEmpty() || line.startsWith("level")) {
                continue;
            }
            String[] f = line.split("\t", 12);
            if (f.length < 11 || !f[0].strip().equals("5")) {
                continue;
            }
            String text = f.length == 12 ? f[11].strip() : "";
            if (text.isEmpty()) {
                continue;
            }
            try {
                double left = Double.parseDouble(f[6].strip());
                double top = Double.parseDouble(f[7].strip());
                double width = Math.max(0, Double.parseDouble(f[8].strip()));
                double height = Math.max(0, Double.parseDouble(f[9].strip()));
                double conf = Double.parseDouble(f[10].strip());
                out.add(new TsvWord(text, new Box(left, top, left + width, top + height), conf));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed tesseract TSV row: " + line, e);
            }
        }
        return out;
    }

    /** Null when the binary runs ({@code tesseract --version}), else why it cannot be used. */
    public String unavailableReason() {
        try {
            Process p = new ProcessBuilder(binary, "--version").redirectErrorStream(true).start();
            readAll(p.getInputStream());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "'" + binary + " --version' did not finish";
            }
            return p.exitValue() == 0 ? null : "'" + binary + " --version' exited with " + p.exitValue();
        } catch (IOException e) {
            return "the tesseract binary '" + binary + "' was not found (install it with 'apt-get install tesseract-ocr')";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Runs the command line on one image and parses its words. */
    public List<TsvWord> run(Path image) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(binary, image.toString(), "stdout", "-l", languages, "tsv");
        pb.environment().put("OMP_THREAD_LIMIT", "1");
        Process p = pb.start();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tesseract took more than " + timeoutSeconds + " s on " + image.getFileName());
        }
        if (p.exitValue() != 0) {
            throw new IOException("tesseract exited with " + p.exitValue() + " on " + image.getFileName() + ": " + err.join().strip());
        }
        return parse(out.join());
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return readAll(in);
            } catch (IOException e) {
                return "";
            }
        }, READERS);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** This runner as an {@link OcrSystem} named {@code tesseract-cli}. */
    public OcrSystem asSystem() {
        return new OcrSystem() {
            @Override
            public String name() {
                return "tesseract-cli";
            }

            @Override
            public Recognition recognize(FunsdPage page) throws Exception {
                return new Recognition(run(page.image()).stream().map(w -> new TextBox(w.text(), w.box())).toList(), false);
            }
        };
    }
}
