package dev.readout.eval.funsd;

import dev.readout.core.Pipeline;
import dev.readout.core.model.Box;
import dev.readout.core.model.Document;
import dev.readout.core.model.Entity;
import dev.readout.core.model.Page;
import dev.readout.core.model.Relation;
import dev.readout.core.model.Word;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.PageSelection;
import dev.readout.eval.ocr.PageGeometry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The FUNSD layout evaluation (entities and question → answer links), in two modes.
 * <ul>
 *   <li><b>gold words</b>: the annotated words and boxes go in (a page built from them, pixel boxes); entity
 *   P/R/F1 with seqeval semantics over the words in the model's input order (gold tags from the annotation: a
 *   word of a header/question/answer entity is {@code I-X} when the previous word in that order belongs to the
 *   same entity, else {@code B-X}; {@code other} words are {@code O}), exactly as {@code training/metrics.py}.
 *   Linking is scored given the gold entities: every (gold question, gold answer) pair of a page is a candidate,
 *   the model scores it from the gold entities' words and links it by its threshold and rule, and a link is
 *   correct when the annotation links the pair (either direction).</li>
 *   <li><b>OCR words</b>: the full pipeline runs on the image (ingest, OCR, reading order, layout); predicted
 *   entities are matched one-to-one to gold entities by {@link EntityMatcher} (same label, and normalised text
 *   equal or box IoU ≥ 0.5, boxes mapped back to the source image when the page was turned or deskewed).
 *   Linking is end to end: a predicted relation is correct when its question and answer are matched to gold
 *   entities that the annotation links; every gold link counts in the recall.</li>
 * </ul>
 * Forms are evaluated {@code workers} at a time; the counts are summed in form order.
 */
public final class FunsdEvaluation {
    private final int workers;
    private final Consumer<String> log;

    public FunsdEvaluation(int workers, Consumer<String> log) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        this.workers = workers;
        this.log = log == null ? s -> { } : log;
    }

    /** Counts of one form. */
    record FormCounts(Map<String, Prf> entities, Prf links) {
    }

    /** Gold-words mode. */
    public FunsdReport runGold(List<FunsdForm> forms, GoldWordsTagger model) {
        long t0 = System.nanoTime();
        List<FormCounts> counts = map(forms, f -> gold(f, model));
        return report(model.name(), "gold", counts, forms.size(), t0);
    }

    /**
     * OCR mode: {@code pipeline} (with the layout model among its stages) is run on each form's image.
     *
     * @param modelName the layout model's name, for the report
     */
    public FunsdReport runOcr(List<FunsdForm> forms, Pipeline pipeline, IngestOptions options, String modelName) {
        long t0 = System.nanoTime();
        List<FormCounts> counts = map(forms, f -> {
            Document doc = pipeline.process(f.image(), f.name(), options, PageSelection.ALL, null);
            if (doc.pages().isEmpty()) {
                log.accept(f.name() + ": no page: " + (doc.errors().isEmpty() ? "?" : doc.errors().get(0).message()));
                return ocr(f, null);
            }
            return ocr(f, doc.pages().get(0));
        });
        return report(modelName, "ocr", counts, forms.size(), t0);
    }

    static FormCounts gold(FunsdForm f, GoldWordsTagger model) {
        Page page = f.toPage();
        List<FunsdForm.GoldEntity> qs = new ArrayList<>();
        List<FunsdForm.GoldEntity> as = new ArrayList<>();
        for (FunsdForm.GoldEntity e : f.entities()) {
            if (e.scored() && e.label().equals("question")) {
                qs.add(e);
            } else if (e.scored() && e.label().equals("answer")) {
                as.add(e);
            }
        }
        GoldWordsTagger.Result r = model.tag(page, groups(qs), groups(as));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < f.words().size(); i++) {
            index.put(FunsdForm.wordId(i), i);
        }
        int[] entityOf = new int[r.wordIds().size()];
        for (int k = 0; k < entityOf.length; k++) {
            Integer wi = index.get(r.wordIds().get(k));
            if (wi == null) {
                throw new IllegalStateException(f.name() + ": the model returned an unknown word id " + r.wordIds().get(k));
            }
            entityOf[k] = f.words().get(wi).entity();
        }
        if (r.wordIds().size() != f.words().size()) {
            throw new IllegalStateException(f.name() + ": the model tagged " + r.wordIds().size() + " of " + f.words().size() + " words");
        }
        List<String> labels = f.entities().stream().map(FunsdForm.GoldEntity::label).toList();
        boolean[] scored = new boolean[f.entities().size()];
        for (int e = 0; e < scored.length; e++) {
            scored[e] = f.entities().get(e).scored();
        }
        EntityMetric em = new EntityMetric();
        em.addPage(EntityMetric.goldTags(entityOf, labels, scored), r.tags());
        Set<FunsdForm.GoldLink> predicted = new HashSet<>();
        for (int q = 0; q < qs.size(); q++) {
            for (int a = 0; a < as.size(); a++) {
                if (r.links()[q][a]) {
                    predicted.add(new FunsdForm.GoldLink(qs.get(q).id(), as.get(a).id()));
                }
            }
        }
        LinkMetric lm = new LinkMetric();
        lm.addPage(predicted, new HashSet<>(f.links()));
        return new FormCounts(em.perLabel(), lm.total());
    }

    /** OCR mode for one form; {@code page} null when the pipeline produced none (everything gold is missed). */
    static FormCounts ocr(FunsdForm f, Page page) {
        List<FunsdForm.GoldEntity> goldEnts = f.entities().stream().filter(FunsdForm.GoldEntity::scored).toList();
        List<EntityMatcher.Item> gold = goldEnts.stream()
                .map(e -> new EntityMatcher.Item(e.label(), f.text(e), f.box(e))).toList();
        List<Entity> predEnts = page == null ? List.of() : page.entities();
        List<EntityMatcher.Item> pred = new ArrayList<>();
        if (page != null) {
            Map<String, Word> words = new HashMap<>();
            for (Word w : page.words()) {
                words.put(w.id(), w);
            }
            boolean corrected = page.rotation() % 360 != 0 || page.skew() != 0;
            for (Entity e : predEnts) {
                Box b = corrected ? PageGeometry.toSource(e.box(), page.rotation(), page.skew(), page.width(), page.height()) : e.box();
                String text = String.join(" ", e.wordIds().stream().map(id -> words.containsKey(id) ? words.get(id).text() : "").toList());
                pred.add(new EntityMatcher.Item(e.label(), text, b));
            }
        }
        List<int[]> matches = EntityMatcher.match(gold, pred);
        EntityMetric em = new EntityMetric();
        for (EntityMatcher.Item g : gold) {
            em.add(g.label(), 0, 0, 1);
        }
        for (EntityMatcher.Item p : pred) {
            em.add(p.label(), 0, 1, 0);
        }
        Map<String, Integer> goldIdOfPred = new HashMap<>();
        for (int[] m : matches) {
            em.add(gold.get(m[0]).label(), 1, 0, 0);
            goldIdOfPred.put(predEnts.get(m[1]).id(), goldEnts.get(m[0]).id());
        }
        Set<FunsdForm.GoldLink> goldLinks = new HashSet<>(f.links());
        long tp = 0;
        List<Relation> rels = page == null ? List.of() : page.relations();
        Set<FunsdForm.GoldLink> seen = new HashSet<>();
        for (Relation r : rels) {
            Integer q = goldIdOfPred.get(r.from());
            Integer a = goldIdOfPred.get(r.to());
            if (q != null && a != null) {
                FunsdForm.GoldLink l = new FunsdForm.GoldLink(q, a);
                if (goldLinks.contains(l) && seen.add(l)) {
                    tp++;
                }
            }
        }
        return new FormCounts(em.perLabel(), new Prf(tp, rels.size(), goldLinks.size()));
    }

    private static List<List<String>> groups(List<FunsdForm.GoldEntity> ents) {
        List<List<String>> out = new ArrayList<>();
        for (FunsdForm.GoldEntity e : ents) {
            out.add(e.words().stream().map(FunsdForm::wordId).toList());
        }
        return out;
    }

    private interface FormTask {
        FormCounts run(FunsdForm f);
    }

    private List<FormCounts> map(List<FunsdForm> forms, FormTask task) {
        if (workers == 1) {
            List<FormCounts> out = new ArrayList<>();
            for (int i = 0; i < forms.size(); i++) {
                out.add(task.run(forms.get(i)));
                progress(i + 1, forms.size());
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "readout-eval-funsd");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<FormCounts>> fs = new ArrayList<>();
            for (FunsdForm f : forms) {
                fs.add(pool.submit(() -> task.run(f)));
            }
            List<FormCounts> out = new ArrayList<>();
            for (int i = 0; i < fs.size(); i++) {
                out.add(fs.get(i).get());
                progress(i + 1, forms.size());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void progress(int done, int total) {
        if (done % 10 == 0 || done == total) {
            log.accept(done + "/" + total + " forms");
        }
    }

    private static FunsdReport report(String model, String words, List<FormCounts> counts, int docs, long t0) {
        Map<String, Prf> ents = new LinkedHashMap<>();
        for (String l : FunsdForm.LABELS) {
            ents.put(l, Prf.ZERO);
        }
        Prf links = Prf.ZERO;
        for (FormCounts c : counts) {
            c.entities().forEach((l, p) -> ents.merge(l, p, Prf::plus));
            links = links.plus(c.links());
        }
        return new FunsdReport(model, words, ents, links, docs, (System.nanoTime() - t0) / 1e9);
    }
}
