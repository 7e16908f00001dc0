package dev.readout.ingest.maps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups map labels into phrases: two labels join when their reading directions differ by at most
 * {@value #MAX_ANGLE_DEG}°, their letter heights by at most a factor {@value #MAX_HEIGHT_RATIO}, the second lies on
 * the first's baseline (centre offset across the direction within {@value #MAX_ACROSS} × height) and the gap between
 * them along the direction is at most {@value #MAX_GAP} × height. Phrases are the connected groups; words in a phrase
 * are ordered along the direction of its first label. Assigns the ids {@code p1-w<n>} (labels, in the given order)
 * and {@code p1-l<n>} (phrases, by their first label).
 */
public final class PhraseGrouper {
    static final double MAX_ANGLE_DEG = 12;
    static final double MAX_HEIGHT_RATIO = 1.6;
    static final double MAX_ACROSS = 0.6;
    static final double MAX_GAP = 1.8;

    /** The labels with ids and phrase ids set, and the phrases. */
    public record Result(List<MapLabel> labels, List<MapPhrase> phrases) {
    }

    public Result group(List<MapLabel> labels) {
        int n = labels.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (joins(labels.get(i), labels.get(j))) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
        }
        String[] phraseOf = new String[n];
        List<MapPhrase> phrases = new ArrayList<>();
        int p = 0;
        for (List<Integer> g : groups.values()) {
            String pid = "p1-l" + (++p);
            MapLabel first = labels.get(g.get(0));
            double vx = first.polygon()[2] - first.polygon()[0];
            double vy = first.polygon()[3] - first.polygon()[1];
            List<Integer> ordered = new ArrayList<>(g);
            ordered.sort(Comparator.comparingDouble(i -> centreX(labels.get(i)) * vx + centreY(labels.get(i)) * vy));
            List<String> ids = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (int i : ordered) {
                phraseOf[i] = pid;
                ids.add("p1-w" + (i + 1));
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                text.append(labels.get(i).text());
            }
            phrases.add(new MapPhrase(pid, ids, text.toString()));
        }
        List<MapLabel> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            MapLabel l = labels.get(i);
            out.add(new MapLabel("p1-w" + (i + 1), l.polygon(), l.text(), l.score(), l.detectionScore(), l.angleDeg(), phraseOf[i]));
        }
        return new Result(out, phrases);
    }

    static boolean joins(MapLabel a, MapLabel b) {
        double ha = a.heightPx();
        double hb = b.heightPx();
        if (Math.max(ha, hb) > MAX_HEIGHT_RATIO * Math.min(ha, hb)) {
            return false;
        }
        double d = Math.abs(a.angleDeg() - b.angleDeg()) % 360;
        if (Math.min(d, 360 - d) > MAX_ANGLE_DEG) {
            return false;
        }
        double la = a.lengthPx();
        double vx = (a.polygon()[2] - a.polygon()[0]) / Math.max(1e-9, la);
        double vy = (a.polygon()[3] - a.polygon()[1]) / Math.max(1e-9, la);
        double dx = centreX(b) - centreX(a);
        double dy = centreY(b) - centreY(a);
        double along = dx * vx + dy * vy;
        double across = -dx * vy + dy * vx;
        double h = Math.max(ha, hb);
        double gap = Math.abs(along) - (la + b.lengthPx()) / 2;
        return Math.abs(across) <= MAX_ACROSS * h && gap <= MAX_GAP * h;
    }

    private static double centreX(MapLabel l) {
        double[] p = l.polygon();
        return (p[0] + p[2] + p[4] + p[6]) / 4;
    }

    private static double centreY(MapLabel l) {
        double[] p = l.polygon();
        return (p[1] + p[3] + p[5] + p[7]) / 4;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
