package dev.readout.layout.onnx;

import dev.readout.layout.input.Window;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Latency of one full window (max_length tokens) through a layout model: session load time, then the median of
 * N runs after 3 warm-up runs. Used by {@code readout bench layout}.
 */
public final class WindowLatency {
    private WindowLatency() {
    }

    /** Session load seconds, window length in tokens, and per-run milliseconds (sorted). */
    public record Result(String model, double loadSeconds, int tokens, int threads, List<Double> sortedMs) {
        public double medianMs() {
            return sortedMs.get(sortedMs.size() / 2);
        }
    }

    public static Result measure(Path dir, int threads, int runs) {
        try (OnnxLayoutModel m = OnnxLayoutModel.load(dir, new OnnxLayoutModel.Options(threads, 8))) {
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
            return new Result(m.name(), m.loadSeconds(), w.length(), threads, ms.stream().sorted().toList());
        }
    }
}
