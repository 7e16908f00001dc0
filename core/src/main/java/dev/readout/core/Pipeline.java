package dev.readout.core;

import dev.readout.core.error.EngineUnavailableException;
import dev.readout.core.error.ReadoutException;
import dev.readout.core.model.Document;
import dev.readout.core.model.DocumentStatus;
import dev.readout.core.model.Page;
import dev.readout.core.model.PageError;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.Ingestor;
import dev.readout.core.stage.OpenedDocument;
import dev.readout.core.stage.PageSelection;
import dev.readout.core.stage.PageStage;
import dev.readout.core.stage.ReadingOrderModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one pipeline behind the CLI, the API and batch runs: ingest → page stages (reading order, layout, …).
 * The stages are assembled here, in one visible place, from whatever modules are on the class path.
 * Thread-safe; one instance can serve many documents. Pages of a document are processed in parallel by
 * {@code workers} threads, at most {@code 2 × workers} pages in flight, so memory stays bounded however
 * many pages a document has.
 */
public final class Pipeline implements AutoCloseable {

    private final Ingestor ingestor;
    private final List<PageStage> stages;
    private final int workers;
    private final ExecutorService pool;
    private final boolean ownsIngestor;

    /** A pipeline over stages the caller owns (and closes). */
    public Pipeline(Ingestor ingestor, List<PageStage> stages, int workers) {
        this(ingestor, stages, workers, false);
    }

    private Pipeline(Ingestor ingestor, List<PageStage> stages, int workers, boolean ownsIngestor) {
        this.ownsIngestor = ownsIngestor;
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        this.ingestor = ingestor;
        this.stages = stages.stream().sorted(Comparator.comparingInt(PageStage::priority)).toList();
        this.workers = workers;
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "readout-page");
            t.setDaemon(true);
            return t;
        });
    }

    /** Assembles the pipeline from the stages found on the class path ({@link ServiceLoader}). */
    public static Pipeline discover(int workers) {
        return discover(workers, stage -> true);
    }

    /** As {@link #discover(int)}, keeping only the page stages that {@code keep} accepts. */
    public static Pipeline discover(int workers, java.util.function.Predicate<PageStage> keep) {
        return discover(workers, keep, java.util.function.UnaryOperator.identity());
    }

    /**
     * As {@link #discover(int, java.util.function.Predicate)}, with each chosen stage passed through {@code wrap}
     * (a decorator, e.g. one that times each page for metrics). The pipeline owns and closes what {@code wrap}
     * returns: a wrapper should close the stage it wraps.
     */
    public static Pipeline discover(int workers, java.util.function.Predicate<PageStage> keep,
                                    java.util.function.UnaryOperator<PageStage> wrap) {
        Ingestor ingestor = ServiceLoader.load(Ingestor.class).findFirst().orElseThrow(() ->
                new EngineUnavailableException("no ingestor on the class path: add the readout-ingest module"));
        List<PageStage> stages = new ArrayList<>();
        for (PageStage s : ServiceLoader.load(PageStage.class)) {
            if (keep.test(s) && s.available()) {
                stages.add(s);
            }
        }
        List<PageStage> chosen = oneReadingOrder(stages, System.getProperty(ORDER_PROPERTY)).stream().map(wrap).toList();
        return new Pipeline(ingestor, chosen, workers, true);
    }

    /** System property naming the reading-order model to use (e.g. {@code xycut}); default: the highest-ranked. */
    public static final String ORDER_PROPERTY = "readout.order";

    /**
     * Keeps one {@link ReadingOrderModel} among {@code stages}: the one named {@code wanted} if given, else the
     * highest {@link ReadingOrderModel#rank()} (first found on ties). The others are closed if closeable.
     */
    static List<PageStage> oneReadingOrder(List<PageStage> stages, String wanted) {
        ReadingOrderModel best = null;
        for (PageStage s : stages) {
            if (s instanceof ReadingOrderModel m) {
                if (wanted != null && !wanted.isBlank() ? m.name().equals(wanted.trim()) && best == null
                        : best == null || m.rank() > best.rank()) {
                    best = m;
                }
            }
        }
        if (wanted != null && !wanted.isBlank() && best == null) {
            throw new EngineUnavailableException("-D" + ORDER_PROPERTY + "=" + wanted + ": no such reading-order model; available: "
                    + stages.stream().filter(s -> s instanceof ReadingOrderModel).map(PageStage::name).toList());
        }
        List<PageStage> out = new ArrayList<>();
        for (PageStage s : stages) {
            if (!(s instanceof ReadingOrderModel) || s == best) {
                out.add(s);
            } else if (s instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // a stage we do not use: nothing to report
                }
            }
        }
        return out;
    }

    public Ingestor ingestor() {
        return ingestor;
    }

    /** Names of the page stages in the order they run. */
    public List<String> stageNames() {
        return stages.stream().map(PageStage::name).toList();
    }

    public int workers() {
        return workers;
    }

    /**
     * Opens a document for callers that need more than the {@link Document} (page images, say).
     * The caller owns the returned document and closes it.
     */
    public OpenedDocument open(Path file, String displayName, IngestOptions options) {
        return ingestor.open(file, displayName, options);
    }

    /** Processes the selected pages of a file. Document-level problems throw; page-level ones make it PARTIAL. */
    public Document process(Path file, String displayName, IngestOptions options, PageSelection pages,
                            ProgressListener progress) {
        try (OpenedDocument doc = ingestor.open(file, displayName, options)) {
            return process(doc, pages, progress);
        }
    }

    /** Processes the selected pages of an opened document (which the caller keeps owning). */
    public Document process(OpenedDocument doc, PageSelection pages, ProgressListener progress) {
        List<Integer> numbers = pages.resolve(doc.pageCount());
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("no page selected: the document has " + doc.pageCount()
                    + " page(s) and the selection is '" + pages.spec() + "'");
        }
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        listener.started(numbers.size());
        List<Page> done = new ArrayList<>();
        List<PageError> errors = new ArrayList<>();
        BlockingQueue<Future<Object>> inFlight = new ArrayBlockingQueue<>(2 * workers);
        int next = 0;
        int finished = 0;
        while (finished < numbers.size()) {
            while (next < numbers.size() && inFlight.remainingCapacity() > 0) {
                int number = numbers.get(next++);
                inFlight.add(pool.submit(() -> processPage(doc, number)));
            }
            Object result = await(inFlight.poll());
            if (result instanceof Page p) {
                done.add(p);
            } else {
                errors.add((PageError) result);
            }
            finished++;
            listener.pageDone(finished, numbers.size());
        }
        DocumentStatus status = errors.isEmpty() ? DocumentStatus.SUCCEEDED
                : done.isEmpty() ? DocumentStatus.FAILED : DocumentStatus.PARTIAL;
        return new Document(Document.SCHEMA_VERSION, doc.source(), status, done, doc.formFields(), errors);
    }

    private Object processPage(OpenedDocument doc, int number) {
        try {
            Page page = doc.page(number);
            for (PageStage stage : stages) {
                page = stage.apply(page);
            }
            return page;
        } catch (ReadoutException e) {
            return new PageError(number, e.code(), e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            return new PageError(number, "page-failed", "page " + number + " failed: " + describe(e));
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static Object await(Future<Object> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadoutException("interrupted", "processing was interrupted", e);
        } catch (ExecutionException e) {
            throw new ReadoutException("page-failed", describe(e.getCause()), e.getCause());
        }
    }

    /**
     * Stops the page workers and closes the stages and ingestor it owns, once no page is still running: pages
     * abandoned by a caller (a timeout, say) may still be inside a stage's native code, and freeing its handles
     * under them crashes the JVM. If they do not finish within {@value #CLOSE_WAIT_SECONDS} s the handles are left
     * open rather than freed under them.
     */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(CLOSE_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (ownsIngestor) {
            closeQuietly(ingestor);
            stages.forEach(Pipeline::closeQuietly);
        }
    }

    private static final int CLOSE_WAIT_SECONDS = 60;

    private static void closeQuietly(Object o) {
        if (o instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // closing native handles: nothing more to do
            }
        }
    }

    /** Receives progress; called from the thread that called {@code process}. */
    public interface ProgressListener {
        ProgressListener NONE = new ProgressListener() {
        };

        default void started(int pages) {
        }

        default void pageDone(int done, int total) {
        }
    }
}
