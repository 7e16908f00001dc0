package dev.readout.vqa.qa;

import dev.readout.core.export.PageView;
import dev.readout.core.model.Box;
import dev.readout.core.model.Document;
import dev.readout.core.model.Entity;
import dev.readout.core.model.FormField;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Relation;
import dev.readout.core.model.Word;
import dev.readout.layout.input.LineGrouping;
import dev.readout.vqa.invoice.Evidence;
import dev.readout.vqa.invoice.InvoiceExtractor;
import dev.readout.vqa.invoice.InvoiceFields;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Question answering by key retrieval, the answerer that needs no QA model: the question is compared with the keys
 * the document holds, and the best key's value is the answer. Keys and their values come from (1) the invoice
 * fields ({@link InvoiceExtractor}), matched through their names and synonyms ("what is the total due?" → total);
 * (2) filled PDF form fields; (3) question → answer links found by the layout model; (4) printed "label: value"
 * lines; (5) a printed label's right or lower neighbour on the page ({@code layout-neighbour}). Match score: the share of the question's content words (stop words and question words removed,
 * lower-cased, accents folded, light stemming) found in the key — a word of 6 or more characters also matches its
 * misreading by one letter ({@link #misread}) —, times the source's own score. Below
 * {@link #THRESHOLD} the answer is {@link Answer#NONE}. Build one per processed document and ask it many questions.
 */
public final class KeyValueQa {
    /** Set on the sample invoice's questions (AskTest in the cli module): every answerable one above, the unanswerable ones below. */
    public static final double THRESHOLD = 0.34;

    private static final Set<String> STOP = Set.of("what", "whats", "which", "who", "whom", "when", "where", "how", "much",
            "many", "is", "are", "was", "were", "the", "a", "an", "of", "on", "in", "for", "to", "this", "that", "do", "does",
            "did", "i", "we", "you", "it", "its", "my", "our", "your", "please", "tell", "me", "give", "show", "find",
            "there", "be", "by", "at", "and", "or", "with", "document", "page", "listed", "written", "stated", "given",
            "wie", "ist", "der", "die", "das", "den", "des", "welche", "welcher", "wann", "quel", "quelle", "est", "le", "la", "les");
    private static final Map<String, List<String>> SYNONYMS = new HashMap<>();

    static {
        SYNONYMS.put("vendor_name", List.of("vendor", "seller", "supplier", "company", "merchant", "store", "shop", "issuer", "from", "name"));
        SYNONYMS.put("vendor_address", List.of("vendor address", "seller address", "supplier address", "company address", "address", "located"));
        SYNONYMS.put("invoice_number", List.of("invoice number", "invoice no", "invoice id", "bill number", "receipt number", "reference number", "number"));
        SYNONYMS.put("invoice_date", List.of("invoice date", "date", "issued", "issue date", "dated", "billing date"));
        SYNONYMS.put("due_date", List.of("due date", "due", "payment due", "pay by", "deadline", "payable by"));
        SYNONYMS.put("currency", List.of("currency"));
        SYNONYMS.put("subtotal", List.of("subtotal", "sub total", "net amount", "amount before tax", "net total"));
        SYNONYMS.put("tax", List.of("tax", "vat", "gst", "sales tax", "tax amount"));
        SYNONYMS.put("total", List.of("total", "total due", "amount due", "total amount", "grand total", "balance due", "total to pay", "pay", "owe", "total price"));
    }

    private record Candidate(String key, Set<String> keyTokens, String text, String value, double prior, Evidence evidence, String source) {
    }

    private final List<Candidate> candidates = new ArrayList<>();

    public KeyValueQa(Document doc) {
        InvoiceFields inv = new InvoiceExtractor().extract(doc);
        inv.fields().forEach((name, f) -> {
            for (String syn : SYNONYMS.getOrDefault(name, List.of(name.replace('_', ' ')))) {
                add(syn, f.text(), f.value(), Math.min(1, 0.5 + f.score() / 2), f.evidence(), "invoice-field");
            }
        });
        for (FormField ff : doc.formFields()) {
            if (ff.value() != null && !ff.value().isBlank()) {
                add(ff.key(), ff.value(), ff.value(), 0.95, new Evidence(ff.page(), List.of(), ff.valueBox()), "form-field");
            }
        }
        for (Page p : doc.pages()) {
            PageView v = new PageView(p);
            Map<String, Entity> byId = new HashMap<>();
            p.entities().forEach(e -> byId.put(e.id(), e));
            for (Relation r : p.relations()) {
                Entity k = byId.get(r.from());
                Entity a = byId.get(r.to());
                if (k != null && a != null) {
                    String text = v.text(a);
                    add(v.text(k), text, text, 0.6 * r.score() + 0.3, new Evidence(p.number(), a.wordIds(), a.box()), "key-value");
                }
            }
            addNeighbours(p);
            for (Line l : v.orderedLines()) {
                List<Word> ws = v.words(l);
                String t = v.text(l);
                int colon = t.indexOf(':');
                if (colon > 0 && colon < t.length() - 1 && colon < 60) {
                    int keyWords = t.substring(0, colon + 1).split("\\s+").length;
                    List<Word> valueWords = ws.subList(Math.min(keyWords, ws.size()), ws.size());
                    if (!valueWords.isEmpty()) {
                        String value = t.substring(colon + 1).strip();
                        add(t.substring(0, colon), value, value, 0.7, new Evidence(p.number(), valueWords.stream().map(Word::id).toList(),
                                Box.unionOf(valueWords.stream().map(Word::box).toList())), "label-line");
                    }
                }
            }
        }
    }

    /**
     * (5) A printed label and the text beside it: the page's words grouped into line segments (lines split at gaps
     * wider than the line's median word height, as the layout model groups them), and each segment taken as a key
     * whose value is its right neighbour on the line or, when it has none, the nearest segment below it (top less
     * than 1.5 word heights under its bottom, overlapping it horizontally). Prior {@value #NEIGHBOUR_PRIOR}: an
     * exact key match is trusted over the QA model in fusion, a partial one is not.
     */
    private void addNeighbours(Page p) {
        List<Word> words = p.words().stream().filter(w -> !w.text().isBlank()).toList();
        if (words.size() < 2) {
            return;
        }
        LineGrouping g = LineGrouping.of(words.stream().map(Word::box).toList(), 0.5, 1.0);
        int ns = g.segments().size();
        Box[] box = new Box[ns];
        double[] h = new double[ns];
        for (int si = 0; si < ns; si++) {
            h[si] = Double.MAX_VALUE;
            for (int wi : g.segments().get(si)) {
                Box b = words.get(wi).box();
                box[si] = box[si] == null ? b : box[si].union(b);
                h[si] = Math.min(h[si], Math.max(1, b.height()));
            }
        }
        for (int si = 0; si < ns; si++) {
            int first = g.segments().get(si)[0];
            int next = si + 1;
            int value = next < ns && g.lineOf()[g.segments().get(next)[0]] == g.lineOf()[first] ? next : -1;
            if (value < 0) {
                double bestGap = Double.MAX_VALUE;
                for (int sj = 0; sj < ns; sj++) {
                    double gap = box[sj].y0() - box[si].y1();
                    double overlap = Math.min(box[si].x1(), box[sj].x1()) - Math.max(box[si].x0(), box[sj].x0());
                    if (sj != si && gap > -0.3 * h[si] && gap < 1.5 * h[si] && overlap > 0 && gap < bestGap) {
                        bestGap = gap;
                        value = sj;
                    }
                }
            }
            if (value >= 0) {
                List<Word> vw = new ArrayList<>();
                for (int wi : g.segments().get(value)) {
                    vw.add(words.get(wi));
                }
                StringBuilder key = new StringBuilder();
                for (int wi : g.segments().get(si)) {
                    key.append(key.length() == 0 ? "" : " ").append(words.get(wi).text());
                }
                String text = String.join(" ", vw.stream().map(Word::text).toList());
                add(key.toString(), text, text, NEIGHBOUR_PRIOR, new Evidence(p.number(), vw.stream().map(Word::id).toList(),
                        box[value]), "layout-neighbour");
            }
        }
    }

    /** The prior of a {@code layout-neighbour} candidate (see {@link #addNeighbours}). */
    static final double NEIGHBOUR_PRIOR = 0.62;

    private void add(String key, String text, String value, double prior, Evidence ev, String source) {
        Set<String> toks = tokens(key);
        if (!toks.isEmpty() && text != null && !text.isBlank()) {
            candidates.add(new Candidate(key, toks, text, value, prior, ev, source));
        }
    }

    /** The best answer, or {@link Answer#NONE} when nothing scores {@link #THRESHOLD} or more. */
    public Answer ask(String question) {
        Set<String> q = tokens(question);
        if (q.isEmpty()) {
            return Answer.NONE;
        }
        Candidate best = null;
        double bestScore = 0;
        for (Candidate c : candidates) {
            int hit = 0;
            for (String t : q) {
                if (c.keyTokens().contains(t) || c.keyTokens().stream().anyMatch(k -> misread(t, k))) {
                    hit++;
                }
            }
            if (hit == 0) {
                continue;
            }
            // share of the question found in the key, and of the key found in the question (a precise key wins)
            double recall = hit / (double) q.size();
            double precision = hit / (double) c.keyTokens().size();
            double s = (0.7 * recall + 0.3 * precision) * c.prior();
            if (s > bestScore) {
                bestScore = s;
                best = c;
            }
        }
        if (best == null || bestScore < THRESHOLD) {
            return Answer.NONE;
        }
        return new Answer(best.text(), best.value(), Math.round(bestScore * 1000) / 1000.0, best.evidence(), best.source(), best.key());
    }

    /**
     * Whether key word {@code k} is question word {@code t} misread by OCR: both of at least 6 characters and one
     * edit apart (a substitution, insertion or deletion: "Poros1ty" read for "Porosity", "Amcunt" for "Amount").
     */
    static boolean misread(String t, String k) {
        int n = t.length();
        int m = k.length();
        if (n < 6 || m < 6 || Math.abs(n - m) > 1) {
            return false;
        }
        int i = 0;
        while (i < Math.min(n, m) && t.charAt(i) == k.charAt(i)) {
            i++;
        }
        if (i == Math.min(n, m)) {
            return n != m;
        }
        // one edit at i: substitution, or a deletion from the longer one
        return n == m ? t.substring(i + 1).equals(k.substring(i + 1))
                : n > m ? t.substring(i + 1).equals(k.substring(i)) : t.substring(i).equals(k.substring(i + 1));
    }

    /**
     * Content words: lower case, accents folded, stop words dropped, plural s and trailing punctuation cut; the signs
     * # and % count as words ("# calls" is not "% of calls"). A text of stop words alone (a form's "TO:", "BY:")
     * keeps them, so that it still matches the same printed label.
     */
    static Set<String> tokens(String s) {
        String n = Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        Set<String> out = new HashSet<>();
        Set<String> stops = new HashSet<>();
        for (String t : n.replaceAll("([#%])", " $1 ").split("[^\\p{L}\\p{N}#%]+")) {
            if (t.isEmpty()) {
                continue;
            }
            (STOP.contains(t) ? stops : out).add(t.length() > 3 && t.endsWith("s") && !t.endsWith("ss") ? t.substring(0, t.length() - 1) : t);
        }
        return out.isEmpty() ? stops : out;
    }

}
