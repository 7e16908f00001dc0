package dev.readout.eval.ocr;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs OCR systems over FUNSD pages and scores them (see {@link PageScore}, {@link WordMatcher},
 * {@link CharacterErrorRate}). Systems run one after the other, each over all pages with {@code workers}
 * pages in parallel, so that each system's wall-clock seconds are measured without the other competing.
 */
public final class OcrEvaluation {
    private final int workers;
    private final Consumer<String> log;

    public OcrEvaluation(int workers, Consumer<String> log) {
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1");
        }
        this.workers = workers;
        this.log = log == null ? s -> { } : log;
    }

    /** Loads the pages of a FUNSD folder (at most {@code limit}, in name order; 0 or less: all); pages without image are logged and left out. */
    public List<FunsdPage> load(Path dir, int limit) {
        List<FunsdPage> pages = new ArrayList<>();
        for (Path a : FunsdReader.annotations(dir)) {
            if (limit > 0 && pages.size() >= limit) {
                break;
            }
            FunsdPage p = FunsdReader.read(a);
            if (p.image() == null) {
                log.accept("skipping " + a.getFileName() + ": no image of that name in " + dir.resolve("images"));
                continue;
            }
            pages.add(p);
        }
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("no annotated image found in " + dir);
        }
        return pages;
    }

    public OcrReport run(List<FunsdPage> pages, List<OcrSystem> systems, Map<String, String> skipped) {
        Map<String, OcrScores> results = new LinkedHashMap<>();
        for (OcrSystem s : systems) {
            results.put(s.name(), run(pages, s));
        }
        return new OcrReport(pages.size(), pages.stream().mapToLong(p -> p.words().size()).sum(), results,
                skipped == null ? Map.of() : skipped);
    }

    public OcrScores run(List<FunsdPage> pages, OcrSystem system) {
        OcrScores scores = new OcrScores();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "eval-" + system.name());
            t.setDaemon(true);
            return t;
        });
        log.accept(system.name() + ": " + pages.size() + " page(s), " + workers + " worker(s)");
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            int[] done = {0};
            for (FunsdPage page : pages) {
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    PageScore score;
                    try {
                        OcrSystem.Recognition r = system.recognize(page);
                        score = PageScore.of(page.words(), r.words());
                        if (r.corrected()) {
                            scores.addCorrected();
                        }
                    } catch (Exception | OutOfMemoryError e) {
                        log.accept(system.name() + ": " + page.id() + " failed (counted as no words): " + e);
                        scores.addFailure();
                        score = PageScore.failed(page.words());
                    }
                    scores.add(score, (System.nanoTime() - t0) / 1e9);
                    synchronized (done) {
                        done[0]++;
                        if (done[0] % 25 == 0 && done[0] < pages.size()) {
                            log.accept(system.name() + ": " + done[0] + "/" + pages.size());
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        scores.setSeconds((System.nanoTime() - start) / 1e9);
        log.accept(system.name() + ": done in " + String.format("%.1f", scores.seconds()) + " s");
        return scores;
    }
}
