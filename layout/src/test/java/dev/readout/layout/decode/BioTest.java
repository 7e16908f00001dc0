package dev.readout.layout.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Box;
import dev.readout.layout.TestConfigs;
import dev.readout.layout.decode.Bio.Chunk;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BioTest {
    private final Bio bio = new Bio(TestConfigs.LABELS);
    // O=0, B-HEADER=1, I-HEADER=2, B-QUESTION=3, I-QUESTION=4, B-ANSWER=5, I-ANSWER=6

    @Test
    void transitionTable() {
        assertThat(bio.allowedFirst(0)).isTrue();
        assertThat(bio.allowedFirst(3)).isTrue();
        assertThat(bio.allowedFirst(4)).isFalse();
        assertThat(bio.allowed(3, 4)).isTrue();
        assertThat(bio.allowed(4, 4)).isTrue();
        assertThat(bio.allowed(0, 4)).isFalse();
        assertThat(bio.allowed(5, 4)).isFalse();
        assertThat(bio.allowed(6, 4)).isFalse();
        assertThat(bio.allowed(4, 0)).isTrue();
        assertThat(bio.allowed(6, 3)).isTrue();
    }

    @Test
    void viterbiNeverStartsWithIOrPutsIAfterAnotherType() {
        float[][] logits = {
                {0, 0, 0, 0, 5, 0, 0},   // argmax I-QUESTION first: not allowed
                {0, 0, 0, 0, 5, 0, 0},
                {1, 0, 0, 0, 0, 0, 3},   // I-ANSWER after a question: not allowed
        };
        assertThat(bio.argmax(logits)).containsExactly(4, 4, 6);
        int[] path = bio.viterbi(logits);
        assertValid(path);
        // B-QUESTION I-QUESTION then O (log p of O beats a B-ANSWER / I-ANSWER detour)
        assertThat(path).containsExactly(3, 4, 0);
    }

    @Test
    void viterbiFindsTheBestValidPathByBruteForce() {
        Random r = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(4);
            float[][] logits = new float[n][7];
            for (float[] row : logits) {
                for (int j = 0; j < 7; j++) {
                    row[j] = (float) (r.nextGaussian() * 3);
                }
            }
            int[] path = bio.viterbi(logits);
            assertValid(path);
            double best = Double.NEGATIVE_INFINITY;
            int total = (int) Math.pow(7, n);
            for (int code = 0; code < total; code++) {
                int[] p = new int[n];
                int c = code;
                for (int t = 0; t < n; t++) {
                    p[t] = c % 7;
                    c /= 7;
                }
                if (valid(p)) {
                    best = Math.max(best, score(logits, p));
                }
            }
            assertThat(score(logits, path)).isCloseTo(best, org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void chunksFollowSeqevalsDefaultMode() {
        List<String> tags = List.of("B-QUESTION", "I-QUESTION", "I-ANSWER", "O", "I-QUESTION", "I-QUESTION", "B-HEADER",
                "B-HEADER", "I-HEADER", "O", "B-ANSWER");
        assertThat(Bio.chunks(tags)).containsExactly(
                new Chunk("QUESTION", 0, 2),
                new Chunk("ANSWER", 2, 3),       // I-X after another type starts a chunk
                new Chunk("QUESTION", 4, 6),     // I-X after O starts a chunk
                new Chunk("HEADER", 6, 7),       // B-X ends the previous chunk even of the same type
                new Chunk("HEADER", 7, 9),
                new Chunk("ANSWER", 10, 11));    // a chunk at the end of the page
        assertThat(Bio.chunks(List.of())).isEmpty();
        assertThat(Bio.chunks(List.of("O", "O"))).isEmpty();
    }

    @Test
    void softmaxSumsToOne() {
        double[] p = Bio.softmax(new float[] {1, 2, 3, 1000});
        assertThat(p[3]).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        double[] q = Bio.softmax(new float[] {0, 0});
        assertThat(q).containsExactly(0.5, 0.5);
    }

    private boolean valid(int[] p) {
        if (!bio.allowedFirst(p[0])) {
            return false;
        }
        for (int t = 1; t < p.length; t++) {
            if (!bio.allowed(p[t - 1], p[t])) {
                return false;
            }
        }
        return true;
    }

    private void assertValid(int[] p) {
        assertThat(valid(p)).as("path %s respects BIO", java.util.Arrays.toString(p)).isTrue();
    }

    private static double score(float[][] logits, int[] p) {
        double s = 0;
        for (int t = 0; t < p.length; t++) {
            s += Bio.logSoftmax(logits[t])[p[t]];
        }
        return s;
    }

    @Test
    void segmentVoteGivesEachSegmentRunOneType() {
        float[][] logits = {
                {0, 0, 0, 4, 0, 0, 0},   // seg A: B-QUESTION
                {0, 0, 0, 0, 1, 2, 0},   // seg A: slightly answer-ish, but A as a whole is a question
                {0, 0, 0, 0, 3, 0, 0},   // seg A
                {0, 0, 0, 0, 0, 4, 0},   // seg B: answer
                {0, 0, 0, 0, 0, 0, 4},   // seg B
                {5, 0, 0, 0, 0, 0, 0},   // seg C: O
        };
        int[][] boxes = {{1, 1, 2, 2}, {1, 1, 2, 2}, {1, 1, 2, 2}, {3, 1, 4, 2}, {3, 1, 4, 2}, {5, 1, 6, 2}};
        Box[] px = {new Box(0, 0, 10, 10), new Box(12, 0, 20, 10), new Box(22, 0, 30, 10), new Box(200, 0, 210, 10),
                new Box(212, 0, 220, 10), new Box(400, 0, 410, 10)};
        int[] out = bio.segmentVote(logits, bio.viterbi(logits), boxes, px);
        assertThat(out).containsExactly(3, 4, 4, 5, 6, 0);
        assertValid(out);
    }

    @Test
    void segmentVoteContinuesAnEntityOnlyWhereViterbiDid() {
        // two segments of one question (e.g. a key broken over a wide gap), Viterbi continues it: one entity
        float[][] logits = {{0, 0, 0, 5, 0, 0, 0}, {0, 0, 0, 0, 5, 0, 0}};
        int[][] boxes = {{1, 1, 2, 2}, {3, 1, 4, 2}};
        int[] path = bio.viterbi(logits);
        assertThat(path).containsExactly(3, 4);
        Box[] nextLine = {new Box(100, 100, 300, 120), new Box(102, 125, 250, 145)};
        assertThat(bio.segmentVote(logits, path, boxes, nextLine)).containsExactly(3, 4);
        Box[] sameLine = {new Box(100, 100, 300, 120), new Box(500, 101, 600, 121)};
        assertThat(bio.segmentVote(logits, path, boxes, sameLine)).containsExactly(3, 4);
        // ... but not into a run three lines further down, nor one below that is neither overlapping nor aligned
        Box[] farBelow = {new Box(100, 100, 300, 120), new Box(100, 180, 250, 200)};
        assertThat(bio.segmentVote(logits, path, boxes, farBelow)).containsExactly(3, 3);
        Box[] belowElsewhere = {new Box(100, 100, 300, 120), new Box(400, 125, 500, 145)};
        assertThat(bio.segmentVote(logits, path, boxes, belowElsewhere)).containsExactly(3, 3);
        // where Viterbi started a new entity, so does the vote
        float[][] two = {{0, 0, 0, 5, 0, 0, 0}, {0, 0, 0, 5, 0, 0, 0}};
        assertThat(bio.segmentVote(two, bio.viterbi(two), boxes, nextLine)).containsExactly(3, 3);
        assertThat(bio.segmentVote(new float[0][], new int[0], new int[0][], new Box[0])).isEmpty();
    }
}
