package dev.readout.vqa.qa;

import dev.readout.core.export.PageView;
import dev.readout.core.model.Box;
import dev.readout.core.model.Document;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Word;
import dev.readout.layout.input.GridBox;
import dev.readout.layout.input.LineGrouping;
import dev.readout.vqa.invoice.Evidence;
import dev.readout.vqa.qa.onnx.OnnxQaModel;
import dev.readout.vqa.values.Dates;
import dev.readout.vqa.values.Money;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Question answering by the learned extractive model ({@link OnnxQaModel}): each page's words, in reading order with
 * their boxes, are read with the question and the best-scored span over all pages is the answer. Its margin (span
 * score minus the no-answer score) must reach the model's calibrated {@code no_answer_threshold}; the answer's
 * score is {@code sigmoid(margin - threshold)}, so 0.5 at the threshold. Holds the document's word lists, not the
 * model (borrowed; its owner closes it). Thread-safe.
 */
public final class ExtractiveQa {
    static final String SOURCE = "qa-model";
    private static final String TRIM = ".,;:!?\"'";
    /** One amount: signs or symbols, an optional currency code, then a single number (no "INV-2024-0117"). */
    private static final Pattern AMOUNT = Pattern.compile("^[^\\p{L}\\d]*(?:[A-Z]{3}|RM|Fr\\.)?[^\\p{L}\\d]*\\d[\\d.,' ]*[^\\p{L}\\d]*$");

    private record PageWords(int page, List<Word> words, List<String> texts, List<int[]> boxes) {
    }

    private final OnnxQaModel model;
    private final List<PageWords> pages = new ArrayList<>();

    public ExtractiveQa(Document doc, OnnxQaModel model) {
        this.model = model;
        for (Page p : doc.pages()) {
            List<Word> ws = modelOrder(p);
            pages.add(new PageWords(p.number(), ws, ws.stream().map(Word::text).toList(),
                    ws.stream().map(w -> GridBox.of(w.box(), p.width(), p.height())).toList()));
        }
    }

    /**
     * A page's words as the model reads them: the page's text regions in reading order (consecutive lines of one
     * region, as {@link PageView#orderedLines} gives them; lines in no region form runs of their own), and within each
     * the words in {@link #geometricOrder} — so a two-column article is read column by column, while a form's key and
     * its value on one row stay together; words on no line come last. Blank words are dropped.
     */
    static List<Word> modelOrder(Page p) {
        PageView v = new PageView(p);
        Map<String, String> regionOf = v.regionOfLine();
        List<Word> out = new ArrayList<>();
        Set<Word> seen = new HashSet<>();
        List<Word> run = new ArrayList<>();
        String runRegion = null;
        for (Line l : v.orderedLines()) {
            String r = regionOf.get(l.id());
            if (!Objects.equals(r, runRegion)) {
                out.addAll(geometricOrder(run));
                run = new ArrayList<>();
                runRegion = r;
            }
            for (Word w : v.words(l)) {
                if (!w.text().isBlank() && seen.add(w)) {
                    run.add(w);
                }
            }
        }
        out.addAll(geometricOrder(run));
        out.addAll(geometricOrder(p.words().stream().filter(w -> !w.text().isBlank() && !seen.contains(w)).toList()));
        return out;
    }

    /**
     * Words in the order the model was trained on ({@code training/qa_data}: FUNSD forms in geometric order, DocVQA
     * text laid out line by line): {@link LineGrouping} lines top to bottom, words left to right.
     */
    static List<Word> geometricOrder(List<Word> words) {
        int[] order = LineGrouping.of(words.stream().map(Word::box).toList(), 0.5, 1.0).geometricOrder();
        List<Word> out = new ArrayList<>(order.length);
        for (int i : order) {
            out.add(words.get(i));
        }
        return out;
    }

    /** The model's answer with its margin, whatever the threshold. */
    public record Scored(Answer answer, double margin) {
    }

    /** The model's answer, or {@link Answer#NONE} below the threshold. */
    public Answer ask(String question) {
        Scored s = top(question);
        return s.answer().found() && s.answer().score() >= 0.5 ? s.answer() : Answer.NONE;
    }

    /** The best span over all pages, scored but not thresholded ({@link Answer#NONE} and -inf without words). */
    public Scored top(String question) {
        Answer best = Answer.NONE;
        double bestMargin = Double.NEGATIVE_INFINITY;
        for (PageWords pw : pages) {
            OnnxQaModel.Span s = model.answer(question, pw.texts(), pw.boxes());
            if (s == null || s.margin() <= bestMargin) {
                continue;
            }
            List<Word> span = pw.words().subList(s.firstWord(), s.lastWord() + 1);
            String text = trim(String.join(" ", span.stream().map(Word::text).toList()));
            if (text.isEmpty()) {
                continue;
            }
            bestMargin = s.margin();
            double score = 1 / (1 + Math.exp(-(s.margin() - model.config().noAnswerThreshold())));
            best = new Answer(text, value(text), Math.round(score * 1000) / 1000.0,
                    new Evidence(pw.page(), span.stream().map(Word::id).toList(), Box.unionOf(span.stream().map(Word::box).toList())),
                    SOURCE, null);
        }
        return new Scored(best, bestMargin);
    }

    /**
     * The answer without punctuation at its ends: {@code . , ; : ! ? " '} always; a bracket only when it is unmatched
     * or the pair encloses the whole answer. "(12/05/1998)." gives "12/05/1998", but "(503) 786-4930" and "Total
     * (EUR)" keep their brackets (stripping every bracket at the ends made them "503) 786-4930" and "Total (EUR").
     * As {@code train_qa.trim_answer}.
     */
    static String trim(String s) {
        String t = s.strip();
        while (true) {
            String u = trimOnce(t);
            if (u.equals(t)) {
                return t;
            }
            t = u;
        }
    }

    private static String trimOnce(String t) {
        if (t.isEmpty()) {
            return t;
        }
        char a = t.charAt(0);
        char z = t.charAt(t.length() - 1);
        if (TRIM.indexOf(a) >= 0) {
            return t.substring(1).strip();
        }
        if (TRIM.indexOf(z) >= 0) {
            return t.substring(0, t.length() - 1).strip();
        }
        if (a == '(' || a == '[') {
            int m = partner(t, 0, 1);
            if (m < 0 || m == t.length() - 1) {
                return (m < 0 ? t.substring(1) : t.substring(1, m)).strip();
            }
        }
        if ((z == ')' || z == ']') && partner(t, t.length() - 1, -1) < 0) {
            return t.substring(0, t.length() - 1).strip();
        }
        return t;
    }

    /** The index of the bracket matching the one at {@code from}, searching in direction {@code step}; -1 if none. */
    private static int partner(String t, int from, int step) {
        char self = t.charAt(from);
        char other = switch (self) {
            case '(' -> ')';
            case ')' -> '(';
            case '[' -> ']';
            default -> '[';
        };
        int depth = 0;
        for (int i = from; i >= 0 && i < t.length(); i += step) {
            char c = t.charAt(i);
            if (c == self) {
                depth++;
            } else if (c == other && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** An ISO date when the answer is a date, a plain number when it is an amount, else the text. */
    static String value(String text) {
        Optional<Dates.Parsed> d = Dates.parse(text);
        if (d.isPresent() && d.get().text().length() * 2 >= text.length()) {
            return d.get().iso();
        }
        if (AMOUNT.matcher(text).matches()) {
            Optional<Money> m = Money.parse(text);
            if (m.isPresent()) {
                return m.get().amount().toPlainString();
            }
        }
        return text;
    }
}
