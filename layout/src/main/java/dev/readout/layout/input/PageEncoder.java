package dev.readout.layout.input;

import dev.readout.core.model.Box;
import dev.readout.layout.LayoutModelConfig;
import dev.readout.layout.tokenizer.WordPieceTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Words of a page → model windows, exactly as {@code training/README.md} ("Input pipeline") prescribes:
 * blank words dropped; word order {@code json} (as given) or {@code geometric} (segment order of
 * {@link LineGrouping}); each word tokenized on its own; boxes by {@code boxes.mode} (word, line or segment
 * union, in pixels, then {@link GridBox}); windows of at most {@code max_word_tokens} word tokens split at word
 * boundaries with at most {@code overlap_tokens} repeated; each word's output taken from the window where it is
 * farthest from an edge that cuts the page. Immutable and thread-safe.
 */
public final class PageEncoder {
    /** "Infinitely" far from a window edge (an edge at the start or end of the page does not count). */
    static final int FAR = 1_000_000_000;

    private final LayoutModelConfig config;
    private final WordPieceTokenizer tokenizer;

    public PageEncoder(LayoutModelConfig config, WordPieceTokenizer tokenizer) {
        this.config = config;
        this.tokenizer = tokenizer;
    }

    public WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * @param texts  the words' texts (blank ones are skipped)
     * @param boxes  the words' boxes in page pixels
     * @param width  page width in pixels
     * @param height page height in pixels
     */
    public EncodedPage encode(List<String> texts, List<Box> boxes, int width, int height) {
        if (texts.size() != boxes.size()) {
            throw new IllegalArgumentException("texts and boxes differ in length");
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (!texts.get(i).isBlank()) {
                kept.add(i);
            }
        }
        int n = kept.size();
        List<Box> pix = new ArrayList<>(n);
        for (int i : kept) {
            pix.add(boxes.get(i));
        }
        LineGrouping g = LineGrouping.of(pix, config.lineOverlap(), config.segmentGap());
        int[] perm = config.wordOrder() == LayoutModelConfig.WordOrder.GEOMETRIC ? g.geometricOrder() : identity(n);
        Box[] lineBox = unions(g.lines(), pix);
        Box[] segBox = unions(g.segments(), pix);
        int budget = config.maxWordTokens();
        int[] order = new int[n];
        int[][] tokens = new int[n][];
        int[][] grid = new int[n][];
        int[] cases = new int[n];
        for (int pos = 0; pos < n; pos++) {
            int i = perm[pos];
            order[pos] = kept.get(i);
            cases[pos] = caseType(texts.get(kept.get(i)));
            int[] ids = tokenizer.ids(texts.get(kept.get(i)));
            tokens[pos] = ids.length > budget ? java.util.Arrays.copyOf(ids, budget) : ids;
            Box mb = switch (config.boxMode()) {
                case WORD -> pix.get(i);
                case LINE -> lineBox[g.lineOf()[i]];
                case SEGMENT -> segBox[g.segmentOf()[i]];
            };
            grid[pos] = GridBox.of(mb, width, height);
        }
        List<Window> windows = windows(tokens, grid, cases);
        return new EncodedPage(order, tokens, grid, windows, choose(windows, n));
    }

    /**
     * 1 for a word written in capitals — at least two letters, none lower-case ("INVOICE", "TO:", "R&D") —, else 0;
     * as {@code case_type} in training/funsd_data.py. The uncased word pieces lose this; headers and keys are often
     * set in capitals.
     */
    public static int caseType(String text) {
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (Character.isLetter(c)) {
                if (Character.isLowerCase(c)) {
                    return 0;
                }
                letters++;
            }
            i += Character.charCount(c);
        }
        return letters >= 2 ? 1 : 0;
    }

    /** Windows over words with the given (already truncated) tokens and grid boxes; none when there are no words. */
    public List<Window> windows(int[][] tokens, int[][] grid) {
        return windows(tokens, grid, new int[tokens.length]);
    }

    /** As {@link #windows(int[][], int[][])}, with each word's {@link #caseType} as its tokens' types. */
    public List<Window> windows(int[][] tokens, int[][] grid, int[] cases) {
        int n = tokens.length;
        List<Window> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        int budget = config.maxWordTokens();
        int overlap = config.overlapTokens();
        int ws = 0;
        while (true) {
            int we = ws;
            int tot = 0;
            while (we < n && tot + tokens[we].length <= budget) {
                tot += tokens[we].length;
                we++;
            }
            out.add(build(ws, we, tokens, grid, cases));
            if (we >= n) {
                break;
            }
            int next = we;
            int back = 0;
            while (next - 1 > ws && back + tokens[next - 1].length <= overlap) {
                next--;
                back += tokens[next].length;
            }
            ws = next;
        }
        return out;
    }

    private Window build(int ws, int we, int[][] tokens, int[][] grid, int[] cases) {
        int len = 2;
        for (int k = ws; k < we; k++) {
            len += tokens[k].length;
        }
        long[] ids = new long[len];
        long[] bbox = new long[4 * len];
        long[] types = new long[len];
        int[] ts = new int[we - ws];
        int[] te = new int[we - ws];
        ids[0] = config.clsId();
        put(bbox, 0, config.clsBox());
        int p = 1;
        for (int k = ws; k < we; k++) {
            ts[k - ws] = p;
            for (int t : tokens[k]) {
                ids[p] = t;
                types[p] = cases[k];
                put(bbox, p, grid[k]);
                p++;
            }
            te[k - ws] = p;
        }
        ids[p] = config.sepId();
        put(bbox, p, config.sepBox());
        return new Window(ws, we, ids, bbox, ts, te, types);
    }

    /**
     * For each word, the window where {@code min(left, right)} is largest: {@code left} = position of its first
     * token − 1 (∞ when the window starts at word 0), {@code right} = last position of the window − end of its
     * tokens (∞ when the window ends at the last word); ties → the earlier window.
     */
    public static int[] choose(List<Window> windows, int n) {
        int[] best = new int[n];
        long[] score = new long[n];
        java.util.Arrays.fill(best, -1);
        for (int wi = 0; wi < windows.size(); wi++) {
            Window w = windows.get(wi);
            for (int k = w.start(); k < w.end(); k++) {
                int left = w.start() > 0 ? w.tokenStart()[k - w.start()] - 1 : FAR;
                int right = w.end() < n ? (w.length() - 1) - w.tokenEnd()[k - w.start()] : FAR;
                int s = Math.min(left, right);
                if (best[k] < 0 || s > score[k]) {
                    best[k] = wi;
                    score[k] = s;
                }
            }
        }
        return best;
    }

    private static void put(long[] bbox, int pos, int[] b) {
        for (int j = 0; j < 4; j++) {
            bbox[4 * pos + j] = b[j];
        }
    }

    private static Box[] unions(List<int[]> groups, List<Box> pix) {
        Box[] out = new Box[groups.size()];
        for (int gi = 0; gi < groups.size(); gi++) {
            Box u = null;
            for (int i : groups.get(gi)) {
                u = u == null ? pix.get(i) : u.union(pix.get(i));
            }
            out[gi] = u;
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
