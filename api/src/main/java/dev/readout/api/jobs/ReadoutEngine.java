package dev.readout.api.jobs;

import dev.readout.api.ApiConfig;
import dev.readout.core.Pipeline;
import dev.readout.core.error.ReadoutException;
import dev.readout.core.model.Box;
import dev.readout.core.model.Document;
import dev.readout.core.model.FormField;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Region;
import dev.readout.core.model.SourceInfo;
import dev.readout.core.model.TextSource;
import dev.readout.core.model.Word;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.Ingestor;
import dev.readout.core.stage.OpenedDocument;
import dev.readout.core.stage.PageSelection;
import dev.readout.core.stage.PageStage;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The one {@link Pipeline} of the service, assembled by {@link Pipeline#discover} exactly as for the CLI, each
 * stage wrapped to time its pages into {@code readout_stage_seconds}. Models are loaded by a warm-up run at start-up;
 * {@link #ready()} turns true when that is done. Thread-safe.
 */
@ApplicationScoped
public class ReadoutEngine {
    private static final Logger LOG = Logger.getLogger(ReadoutEngine.class);

    @Inject
    ApiConfig config;

    @Inject
    Metrics metrics;

    private Ingestor ingestor;
    private List<PageStage> stages;
    private Pipeline pipeline;
    private volatile boolean ready;
    private volatile String state = "starting";

    void start(@Observes StartupEvent event) {
        int workers = config.jobs().pageWorkers() > 0 ? config.jobs().pageWorkers() : Runtime.getRuntime().availableProcessors();
        List<PageStage> timed = new ArrayList<>();
        pipeline = Pipeline.discover(workers, s -> true, s -> {
            TimedStage t = new TimedStage(s, metrics.stage(s.name()));
            timed.add(t);
            return t;
        });
        stages = List.copyOf(timed);
        ingestor = pipeline.ingestor();
        Thread warm = new Thread(this::warmUp, "readout-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    /** Loads Tesseract, OpenCV and every stage's model by running the stages over a small synthetic page. */
    private void warmUp() {
        long t0 = System.nanoTime();
        try {
            ingestor.checkAvailable(IngestOptions.DEFAULT);
            Page page = syntheticPage();
            for (PageStage s : stages) {
                page = s.apply(page);
            }
            state = "ready";
            ready = true;
            LOG.infof("Readout engine ready in %d ms: stages %s", (System.nanoTime() - t0) / 1_000_000, stageNames());
        } catch (RuntimeException e) {
            state = "warm-up failed: " + e.getMessage();
            LOG.error("Readout engine warm-up failed: " + e.getMessage());
        }
    }

    private static Page syntheticPage() {
        String[] texts = {"Invoice", "number:", "4711", "Total:", "12.00"};
        List<Word> words = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            int row = i < 3 ? 0 : 1;
            double x = 100 + 260 * (row == 0 ? i : i - 3);
            words.add(new Word("p1-w" + (i + 1), texts[i], new Box(x, 100 + 60 * row, x + 220, 140 + 60 * row), 1.0, "warm-up"));
        }
        lines.add(new Line("p1-l1", new Box(100, 100, 840, 140), List.of("p1-w1", "p1-w2", "p1-w3"), 1.0, "warm-up"));
        lines.add(new Line("p1-l2", new Box(100, 160, 580, 200), List.of("p1-w4", "p1-w5"), 1.0, "warm-up"));
        List<Region> regions = List.of(new Region("p1-r1", "text", new Box(100, 100, 840, 200), List.of("p1-l1", "p1-l2"),
                1.0, "warm-up"));
        return new Page(1, 1000, 1000, 300, TextSource.TEXT_LAYER, 0, 0, words, lines, regions);
    }

    public boolean ready() {
        return ready;
    }

    public String state() {
        return state;
    }

    public List<String> stageNames() {
        return pipeline.stageNames();
    }

    public Ingestor ingestor() {
        return ingestor;
    }

    /** Opens a stored upload (the caller closes it). */
    public OpenedDocument open(Path file, String name, IngestOptions options) {
        return pipeline.open(file, name, options);
    }

    /** Processes an opened document, timing each page's ingestion as stage {@code ingest}. */
    public Document process(OpenedDocument doc, PageSelection pages, Pipeline.ProgressListener progress) {
        return pipeline.process(new TimedDocument(doc, metrics.stage("ingest")), pages, progress);
    }

    void stop(@Observes ShutdownEvent event) {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /**
     * A page stage timed per page; keeps the stage's own name (recorded as provenance) and closes it. Once closed it
     * refuses pages instead of letting the stage load its model again while the service stops.
     */
    private static final class TimedStage implements PageStage, AutoCloseable {
        private final PageStage delegate;
        private final Timer timer;
        private volatile boolean closed;

        TimedStage(PageStage delegate, Timer timer) {
            this.delegate = delegate;
            this.timer = timer;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public int priority() {
            return delegate.priority();
        }

        @Override
        public Page apply(Page page) {
            if (closed) {
                throw new ReadoutException("interrupted", "the service is stopping", null);
            }
            return timer.record(() -> delegate.apply(page));
        }

        @Override
        public void close() throws Exception {
            closed = true;
            if (delegate instanceof AutoCloseable c) {
                c.close();
            }
        }
    }

    /** An opened document whose page ingestion is timed. Borrows {@code delegate}: does not close it. */
    private record TimedDocument(OpenedDocument delegate, Timer timer) implements OpenedDocument {
        @Override
        public SourceInfo source() {
            return delegate.source();
        }

        @Override
        public int pageCount() {
            return delegate.pageCount();
        }

        @Override
        public Page page(int number) {
            return timer.record(() -> delegate.page(number));
        }

        @Override
        public BufferedImage pageImage(int number) {
            return delegate.pageImage(number);
        }

        @Override
        public BufferedImage pageImage(Page processed) {
            return delegate.pageImage(processed);
        }

        @Override
        public List<FormField> formFields() {
            return delegate.formFields();
        }

        @Override
        public void close() {
            // the caller closes the document it opened
        }
    }
}
