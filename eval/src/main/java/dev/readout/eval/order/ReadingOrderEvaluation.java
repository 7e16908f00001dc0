package dev.readout.eval.order;

import dev.readout.core.stage.ReadingOrderModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs reading-order models on gold pages and averages the page-level metrics of {@link OrderMetrics}. */
public final class ReadingOrderEvaluation {
    private ReadingOrderEvaluation() {
    }

    /** Scores of one model: means over the pages with at least one unit. */
    public record Scores(double bleu, double ard, double ardRelative, double kendallTau, int pages, long units,
                         int failedPages, double seconds) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bleu", round(bleu));
            m.put("ard", round(ard));
            m.put("ard_relative", round(ardRelative));
            m.put("kendall_tau", round(kendallTau));
            m.put("pages", pages);
            m.put("units", units);
            m.put("failed_pages", failedPages);
            m.put("seconds", Math.round(seconds * 1000) / 1000.0);
            return m;
        }

        private static double round(double v) {
            return Math.round(v * 1e6) / 1e6;
        }
    }

    /** One model's result on one page, for per-page reports. */
    public record PageResult(String model, OrderedPage page, List<String> predicted, double bleu, double ard, double kendallTau) {
    }

    public static Scores score(ReadingOrderModel model, List<OrderedPage> pages) {
        return score(model, pages, r -> { });
    }

    /** Scores {@code model} and hands every page's result to {@code perPage}. */
    public static Scores score(ReadingOrderModel model, List<OrderedPage> pages, Consumer<PageResult> perPage) {
        double bleu = 0;
        double ard = 0;
        double ardRel = 0;
        double tau = 0;
        int n = 0;
        int failed = 0;
        long units = 0;
        long t0 = System.nanoTime();
        for (OrderedPage p : pages) {
            if (p.gold().isEmpty()) {
                continue;
            }
            List<String> pred;
            try {
                pred = model.order(p.page());
            } catch (RuntimeException e) {
                failed++;
                pred = List.of();
            }
            double a = OrderMetrics.ard(pred, p.gold());
            double b = OrderMetrics.bleu(pred, p.gold());
            double t = OrderMetrics.kendallTau(pred, p.gold());
            bleu += b;
            ard += a;
            ardRel += a / p.gold().size();
            tau += t;
            perPage.accept(new PageResult(model.name(), p, pred, b, a, t));
            units += p.gold().size();
            n++;
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return n == 0 ? new Scores(0, 0, 0, 0, 0, 0, failed, secs)
                : new Scores(bleu / n, ard / n, ardRel / n, tau / n, n, units, failed, secs);
    }

    /** Scores of every model, keyed by {@link ReadingOrderModel#name()}, in the given order. */
    public static Map<String, Scores> run(List<ReadingOrderModel> models, List<OrderedPage> pages) {
        return run(models, pages, r -> { });
    }

    /** As {@link #run(List, List)}, handing every page's result to {@code perPage}. */
    public static Map<String, Scores> run(List<ReadingOrderModel> models, List<OrderedPage> pages, Consumer<PageResult> perPage) {
        Map<String, Scores> out = new LinkedHashMap<>();
        for (ReadingOrderModel m : models) {
            out.put(m.name(), score(m, pages, perPage));
        }
        return out;
    }
}
