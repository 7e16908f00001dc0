package dev.readout.layout.onnx;

import dev.readout.core.model.Page;
import dev.readout.core.stage.PageStage;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The layout stage that {@link java.util.ServiceLoader} gives the core {@code Pipeline}. It finds the model with
 * {@link LayoutModels#locate()} when constructed (cheap: no model is loaded) and loads it on the first page.
 * With no model, or with {@code -Dreadout.layout=off}, it is a no-op named {@value #UNAVAILABLE} (resp.
 * {@value #OFF}) that leaves pages unchanged; a missing or unloadable model is reported once on stderr, when
 * the first page arrives. Thread-safe.
 */
public final class DefaultLayoutStage implements PageStage, AutoCloseable {
    public static final String SWITCH_PROPERTY = "readout.layout";
    public static final String THREADS_PROPERTY = "readout.layout.threads";
    public static final String UNAVAILABLE = "layout-unavailable";
    public static final String OFF = "layout-off";
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final Path modelDir;
    private final String name;
    private final String reason;
    private volatile OnnxLayoutModel model;
    private volatile boolean failed;

    public DefaultLayoutStage() {
        if ("off".equalsIgnoreCase(System.getProperty(SWITCH_PROPERTY, "").trim())) {
            modelDir = null;
            name = OFF;
            reason = null;
            return;
        }
        LayoutModels.Located found = LayoutModels.locate();
        modelDir = found.dir().orElse(null);
        name = modelDir == null ? UNAVAILABLE : modelDir.toAbsolutePath().normalize().getFileName().toString();
        reason = found.reason();
    }

    /** Whether a model was found (it may still fail to load); says once on stderr why not. */
    @Override
    public boolean available() {
        if (modelDir == null && reason != null) {
            warnOnce("layout model not found, pages get no entities: " + reason);
        }
        return modelDir != null && !failed;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int priority() {
        return OnnxLayoutModel.PRIORITY;
    }

    @Override
    public Page apply(Page page) {
        OnnxLayoutModel m = model();
        return m == null ? page : m.apply(page);
    }

    private OnnxLayoutModel model() {
        if (modelDir == null) {
            if (reason != null) {
                warnOnce("layout model not found, pages get no entities: " + reason);
            }
            return null;
        }
        OnnxLayoutModel m = model;
        if (m != null || failed) {
            return m;
        }
        synchronized (this) {
            if (model == null && !failed) {
                try {
                    model = OnnxLayoutModel.load(modelDir, new OnnxLayoutModel.Options(threads(), 8));
                } catch (RuntimeException e) {
                    failed = true;
                    warnOnce("layout model " + modelDir + " cannot be used, pages get no entities: " + e.getMessage());
                }
            }
            return model;
        }
    }

    private static int threads() {
        try {
            return Math.max(1, Integer.parseInt(System.getProperty(THREADS_PROPERTY, "2").trim()));
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    private static void warnOnce(String line) {
        if (WARNED.compareAndSet(false, true)) {
            System.err.println("readout: " + line);
        }
    }

    @Override
    public synchronized void close() {
        if (model != null) {
            model.close();
            model = null;
        }
    }
}
