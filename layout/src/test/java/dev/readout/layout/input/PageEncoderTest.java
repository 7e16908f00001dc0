package dev.readout.layout.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Box;
import dev.readout.layout.LayoutModelConfig;
import dev.readout.layout.LayoutModelConfig.BoxMode;
import dev.readout.layout.LayoutModelConfig.WordOrder;
import dev.readout.layout.TestConfigs;
import dev.readout.layout.tokenizer.WordPieceTokenizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageEncoderTest {
    /** [PAD]=0, [UNK]=100, [CLS]=101, [SEP]=102, then a few words. */
    static WordPieceTokenizer tokenizer() {
        Map<String, Integer> v = new HashMap<>();
        v.put("[PAD]", 0);
        v.put("[UNK]", 100);
        v.put("[CLS]", 101);
        v.put("[SEP]", 102);
        v.put("[MASK]", 103);
        String[] words = {"name", ":", "date", "12", "/", "05", "1998", "a", "##b", "##c", "x"};
        for (int i = 0; i < words.length; i++) {
            v.put(words[i], 200 + i);
        }
        return new WordPieceTokenizer(v, true);
    }

    private static PageEncoder encoder(BoxMode mode, WordOrder order, int max, int overlap) {
        return new PageEncoder(TestConfigs.config(mode, order, max, overlap), tokenizer());
    }

    @Test
    void oneShortPageIsOneWindowWithClsSepAndGridBoxes() {
        PageEncoder enc = encoder(BoxMode.WORD, WordOrder.JSON, 510, 128);
        List<String> texts = List.of("Name:", "  ", "12/05/1998", "abc");
        List<Box> boxes = List.of(new Box(100, 50, 180, 70), new Box(0, 0, 1, 1), new Box(200, 50, 333.3, 70),
                new Box(1990, 2990, 2005, 3010));
        EncodedPage p = enc.encode(texts, boxes, 2000, 3000);
        assertThat(p.order()).containsExactly(0, 2, 3); // the blank word is dropped
        assertThat(p.windows()).hasSize(1);
        Window w = p.windows().get(0);
        assertThat(w.inputIds()).containsExactly(101, 200, 201, 203, 204, 205, 204, 206, 207, 208, 209, 102);
        assertThat(w.tokenStart()).containsExactly(1, 3, 8);
        assertThat(w.tokenEnd()).containsExactly(3, 8, 9 + 2);
        // floor(1000 * v / W), clamped to 0..1000; [CLS] = 0s, [SEP] = 1000s
        assertThat(java.util.Arrays.copyOfRange(w.bbox(), 0, 8)).containsExactly(0, 0, 0, 0, 50, 16, 90, 23);
        assertThat(java.util.Arrays.copyOfRange(w.bbox(), 4 * 3, 4 * 4)).containsExactly(100, 16, 166, 23);
        assertThat(java.util.Arrays.copyOfRange(w.bbox(), 4 * 8, 4 * 9)).containsExactly(995, 996, 1000, 1000);
        assertThat(java.util.Arrays.copyOfRange(w.bbox(), 4 * 11, 4 * 12)).containsExactly(1000, 1000, 1000, 1000);
        assertThat(p.chosen()).containsExactly(0, 0, 0);
    }

    @Test
    void gridNormalisationFloorsAndClamps() {
        assertThat(GridBox.norm(333.3, 1000)).isEqualTo(333);
        assertThat(GridBox.norm(999.99, 1000)).isEqualTo(999);
        assertThat(GridBox.norm(-5, 1000)).isZero();
        assertThat(GridBox.norm(1200, 1000)).isEqualTo(1000);
        assertThat(GridBox.norm(1, 3)).isEqualTo(333);
    }

    /** n one-token words in a row, 10 px apart. */
    private static List<Box> row(int n) {
        List<Box> b = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            b.add(new Box(10 * i, 10, 10 * i + 8, 20));
        }
        return b;
    }

    @Test
    void longPageSplitsIntoOverlappingWindowsAtWordBoundaries() {
        PageEncoder enc = encoder(BoxMode.WORD, WordOrder.JSON, 510, 128);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            texts.add("x");
        }
        EncodedPage p = enc.encode(texts, row(600), 10_000, 100);
        assertThat(p.windows()).extracting(Window::start, Window::end)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 510), org.assertj.core.groups.Tuple.tuple(382, 600));
        assertThat(p.windows().get(0).length()).isEqualTo(512);
        // three-token words: 170 words fill 510 tokens; the next window repeats 42 words (126 tokens <= 128)
        List<String> abc = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            abc.add("abc");
        }
        EncodedPage q = enc.encode(abc, row(200), 10_000, 100);
        assertThat(q.windows()).extracting(Window::start, Window::end)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 170), org.assertj.core.groups.Tuple.tuple(128, 200));
    }

    @Test
    void windowsAlwaysMoveForwardAndCoverEveryWord() {
        // budget 10, overlap 4; words of 1, 3, 6, 1, 1, 6, 3, 1 tokens
        PageEncoder enc = encoder(BoxMode.WORD, WordOrder.JSON, 10, 4);
        int[][] tokens = {{1}, {1, 2, 3}, {1, 2, 3, 4, 5, 6}, {1}, {1}, {1, 2, 3, 4, 5, 6}, {1, 2, 3}, {1}};
        List<Window> ws = enc.windows(tokens, grid(tokens.length));
        // [0,3) = 10 tokens; repeating word 2 (6 tokens) would exceed the overlap: next starts at 3;
        // [3,6) = 8 tokens (+3 > 10); word 5 has 6 tokens > 4: next starts at 6; [6,8)
        assertThat(ws).extracting(Window::start, Window::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, 3), org.assertj.core.groups.Tuple.tuple(3, 6),
                org.assertj.core.groups.Tuple.tuple(6, 8));
        // with an overlap larger than a window, each window still starts at least one word further
        PageEncoder wide = encoder(BoxMode.WORD, WordOrder.JSON, 3, 5);
        int[][] ones = {{1}, {1}, {1}, {1}, {1}};
        assertThat(wide.windows(ones, grid(5))).extracting(Window::start, Window::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, 3), org.assertj.core.groups.Tuple.tuple(1, 4),
                org.assertj.core.groups.Tuple.tuple(2, 5));
    }

    private static int[][] grid(int n) {
        int[][] g = new int[n][];
        for (int i = 0; i < n; i++) {
            g[i] = new int[] {i, i, i, i};
        }
        return g;
    }

    @Test
    void eachWordTakesTheWindowWhereItIsFarthestFromACuttingEdge() {
        PageEncoder enc = encoder(BoxMode.WORD, WordOrder.JSON, 10, 4);
        int[][] tokens = new int[14][];
        int[][] grid = new int[14][];
        for (int i = 0; i < 14; i++) {
            tokens[i] = new int[] {7};
            grid[i] = new int[] {0, 0, 0, 0};
        }
        List<Window> ws = enc.windows(tokens, grid);
        // windows [0,10) and [6,14): words 6..9 are in both
        assertThat(ws).extracting(Window::start, Window::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, 10), org.assertj.core.groups.Tuple.tuple(6, 14));
        int[] chosen = PageEncoder.choose(ws, 14);
        // word 6: window 0 right = 11 - 8 = 3, window 1 left = 1 - 1 = 0 -> window 0
        // word 7: window 0 right = 2, window 1 left = 1 -> 0;  word 8: right 1, left 2 -> 1;  word 9: right 0, left 3 -> 1
        assertThat(chosen).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1);
        // a tie goes to the earlier window: 1-token words, budget 10, overlap 5 -> windows [0,10) and [5,..)
        PageEncoder tie = encoder(BoxMode.WORD, WordOrder.JSON, 10, 5);
        List<Window> wt = tie.windows(java.util.Arrays.copyOf(tokens, 12), java.util.Arrays.copyOf(grid, 12));
        assertThat(wt).extracting(Window::start).containsExactly(0, 5);
        // word 7: window 0 right = 11 - 9 = 2, window 1 left = 3 - 1 = 2 -> tie -> window 0
        assertThat(PageEncoder.choose(wt, 12)[7]).isZero();
        assertThat(PageEncoder.choose(wt, 12)[8]).isEqualTo(1);
    }

    @Test
    void aWordLongerThanTheBudgetIsTruncated() {
        PageEncoder enc = encoder(BoxMode.WORD, WordOrder.JSON, 10, 4);
        // "12/05/1998" x 3 = 15 tokens
        EncodedPage p = enc.encode(List.of("12/05/1998 12/05/1998 12/05/1998", "x"), row(2), 1000, 1000);
        assertThat(p.tokens()[0]).hasSize(10);
        assertThat(p.windows()).extracting(Window::start, Window::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, 1), org.assertj.core.groups.Tuple.tuple(1, 2));
    }

    @Test
    void segmentAndLineBoxesAndGeometricOrder() {
        // line 1: "name" "date" close together, then "x" far right; line 2 above it in the input order comes last
        List<String> texts = List.of("date", "name", "x", "a");
        List<Box> boxes = List.of(new Box(60, 100, 100, 120), new Box(10, 102, 50, 121), new Box(500, 101, 520, 119),
                new Box(10, 10, 30, 30));
        EncodedPage seg = encoder(BoxMode.SEGMENT, WordOrder.GEOMETRIC, 510, 128).encode(texts, boxes, 1000, 1000);
        assertThat(seg.order()).containsExactly(3, 1, 0, 2);
        assertThat(seg.boxes()).isDeepEqualTo(new int[][] {{10, 10, 30, 30}, {10, 100, 100, 121}, {10, 100, 100, 121},
                {500, 101, 520, 119}});
        EncodedPage line = encoder(BoxMode.LINE, WordOrder.JSON, 510, 128).encode(texts, boxes, 1000, 1000);
        assertThat(line.order()).containsExactly(0, 1, 2, 3);
        assertThat(line.boxes()[0]).containsExactly(10, 100, 520, 121);
        assertThat(line.boxes()[3]).containsExactly(10, 10, 30, 30);
        EncodedPage word = encoder(BoxMode.WORD, WordOrder.JSON, 510, 128).encode(texts, boxes, 1000, 1000);
        assertThat(word.boxes()[1]).containsExactly(10, 102, 50, 121);
    }

    @Test
    void anEmptyPageHasNoWindows() {
        EncodedPage p = encoder(BoxMode.SEGMENT, WordOrder.GEOMETRIC, 510, 128).encode(List.of(), List.of(), 100, 100);
        assertThat(p.windows()).isEmpty();
        assertThat(p.size()).isZero();
    }

    @Test
    void configHelperIsConsistent() {
        LayoutModelConfig c = TestConfigs.config();
        assertThat(c.labelCount()).isEqualTo(7);
    }

    @Test
    void wordsInCapitalsGetTokenType1OnAllTheirPieces() {
        assertThat(List.of("INVOICE", "TO:", "R&D", "ÄRZTE", "No.", "A", "Date", "1234", "Mc", "x-RAY"))
                .extracting(PageEncoder::caseType).containsExactly(1, 1, 1, 1, 0, 0, 0, 0, 0, 0);
        PageEncoder enc = encoder(BoxMode.WORD, WordOrder.JSON, 510, 128);
        List<Window> ws = enc.windows(new int[][] {{5, 6}, {7}, {8, 9, 10}}, new int[][] {{0, 0, 1, 1}, {0, 0, 1, 1}, {0, 0, 1, 1}},
                new int[] {1, 0, 1});
        assertThat(ws).hasSize(1);
        // [CLS] w0 w0 w1 w2 w2 w2 [SEP]
        assertThat(ws.get(0).tokenTypes()).containsExactly(0, 1, 1, 0, 1, 1, 1, 0);
    }
}
