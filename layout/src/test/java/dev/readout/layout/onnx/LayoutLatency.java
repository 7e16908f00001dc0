package dev.readout.layout.onnx;

import dev.readout.layout.input.Window;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Latency of one full window (512 tokens) through a model: session load time, then the median of N runs after
 * warm-up. Not a test; run with the test class path:
 * {@code java -cp layout/target/test-classes:layout/target/classes:$(cat cp) dev.readout.layout.onnx.LayoutLatency MODEL_DIR [threads] [runs]}.
 */
public final class LayoutLatency {
    private LayoutLatency() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        try (OnnxLayoutModel m = OnnxLayoutModel.load(dir, new OnnxLayoutModel.Options(threads, 8))) {
            System.out.printf(Locale.ROOT, "model %s: session load %.2f s (config, vocabulary, ORT session, contract check)%n",
                    m.name(), m.loadSeconds());
            int n = m.config().maxWordTokens();
            long[] ids = new long[n + 2];
            long[] bbox = new long[4 * (n + 2)];
            int[] ts = new int[n];
            int[] te = new int[n];
            ids[0] = m.config().clsId();
            for (int i = 1; i <= n; i++) {
                ids[i] = 1000 + (i * 37) % 28000;
                long x = (i % 20) * 50;
                long y = (i / 20) * 38;
                bbox[4 * i] = x;
                bbox[4 * i + 1] = y;
                bbox[4 * i + 2] = x + 45;
                bbox[4 * i + 3] = y + 20;
                ts[i - 1] = i;
                te[i - 1] = i + 1;
            }
            ids[n + 1] = m.config().sepId();
            Arrays.fill(bbox, 4 * (n + 1), 4 * (n + 2), 1000);
            Window w = new Window(0, n, ids, bbox, ts, te);
            for (int i = 0; i < 3; i++) {
                m.run(List.of(w));
            }
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                m.run(List.of(w));
                ms.add((System.nanoTime() - t0) / 1e6);
            }
            List<Double> sorted = ms.stream().sorted().toList();
            System.out.printf(Locale.ROOT, "1 x %d-token window, %d intra-op threads: median %.1f ms over %d runs (min %.1f, max %.1f)%n",
                    w.length(), threads, sorted.get(sorted.size() / 2), runs, sorted.get(0), sorted.get(sorted.size() - 1));
        }
    }
}
