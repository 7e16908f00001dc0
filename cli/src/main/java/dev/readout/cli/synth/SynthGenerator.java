package dev.readout.cli.synth;

import dev.readout.cli.synth.SynthPage.Family;
import dev.readout.cli.synth.SynthPage.GenLine;
import dev.readout.cli.synth.SynthPage.Mark;
import dev.readout.cli.synth.SynthPage.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes one synthetic page with a known reading order from a seed (same seed, same page). Templates: an optional
 * running head; one or two bands, each a headline spanning the band (optionally a standfirst and a rule) above 1 to
 * 4 columns of flowing, justified body text with figures (grey box + caption) and small ruled tables inside the
 * column flow; an optional framed sidebar at the right of the first band; a footer (page number, optional note).
 * Fonts (Helvetica, Times, Courier), sizes, margins, gutters and line spacing vary per page.
 *
 * <p>Reading order = the order lines are produced: running head (left, right), then per band headline,
 * standfirst, columns left to right (each top to bottom, captions after their figure, table rows top to bottom),
 * the sidebar, and finally the footer (note, page number).
 */
public final class SynthGenerator {
    private static final String[] VOCAB = ("the of and to in a is that for it as was with be by on not he this are or"
            + " his from at which but have an they you were her she there been one all we their has would when if so"
            + " no will more can into up out time about other year river harbour market council village station"
            + " winter summer garden bridge school letter report museum street island forest mountain weather train"
            + " farmer teacher doctor engineer painter writer music theatre library evening morning season harvest"
            + " lantern window carpet kitchen ladder bottle candle basket pocket ribbon silver copper marble timber"
            + " quiet gentle narrow broad ancient modern careful patient sudden steady bright pale heavy early late"
            + " walks writes builds opens carries follows measures collects repairs describes explains remembers"
            + " often rarely slowly quickly always never almost perhaps together against between beneath beyond"
            + " north south east west spring autumn coast valley meadow canal tower chapel orchard quarry mill"
            + " committee budget survey census engine signal cargo ferry clock compass chart ledger record archive"
            + " seven twelve forty hundred thousand second third first last new old long short small large").split(" ");
    private static final String[] HEADS = {"Notes", "Letters", "Review", "Proceedings", "Chronicle", "Bulletin",
        "Quarterly", "Journal", "Gazette", "Record"};

    private final Random rng;
    private final long seed;
    private final List<GenLine> lines = new ArrayList<>();
    private final List<Mark> marks = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private Family bodyFamily;
    private Family headFamily;
    private float bodySize;
    private float leading;
    private int figures;
    private int tables;
    private int sections;
    private int equations;
    private boolean broadsheet;
    /** Column grid of the previous band (cols, gutter; 0 cols = none or not reusable), for a feuilleton band. */
    private int lastCols;
    private float lastGutter;

    /**
     * Template set 2 adds feuilleton bands below the line (role {@code feuilleton}) and page numbers tight under the
     * lowest line and off centre in the gutter (as in HRDoc); set 1 (the default) draws exactly the pages it always
     * did, so that the shipped model's data stays reproducible.
     */
    private final boolean v2;
    /**
     * Template set 3 is set 2 plus figures whose boxes reach into the gutter, often to the next column's edge (as the
     * figure boxes of conference papers do), each given to the reading-order data as a unit of its own (HRDoc's
     * {@code fig} units): a projection cut finds no gutter beside such a figure.
     */
    private final boolean v3;
    private final List<SynthPage.Figure> figureUnits = new ArrayList<>();
    /** Where the column being filled sits: its index, the band's column count and gutter. */
    private int curCol;
    private int curCols;
    private float curGutter;

    private SynthGenerator(long seed, int templates) {
        this.seed = seed;
        this.rng = new Random(seed);
        this.v2 = templates >= 2;
        this.v3 = templates >= 3;
    }

    /** The page for {@code seed} (template set 1). */
    public static SynthPage generate(long seed) {
        return generate(seed, 1);
    }

    /** The page for {@code seed} from template set {@code templates} (1, 2 or 3). */
    public static SynthPage generate(long seed, int templates) {
        return new SynthGenerator(seed, templates).build();
    }

    private SynthPage build() {
        boolean letter = rng.nextBoolean();
        broadsheet = rng.nextDouble() < 0.15;
        float w = broadsheet ? 842 : letter ? 612 : 595;
        float h = broadsheet ? 1191 : letter ? 792 : 842;
        float ml = 36 + rng.nextInt(37);
        float mr = 36 + rng.nextInt(37);
        float mt = 36 + rng.nextInt(37);
        float mb = 50 + rng.nextInt(31);
        bodyFamily = pickFamily(0.15);
        headFamily = rng.nextDouble() < 0.5 ? bodyFamily : pickFamily(0.05);
        bodySize = broadsheet ? 7 + rng.nextInt(4) * 0.5f : 8 + rng.nextInt(7) * 0.5f;
        if (broadsheet) {
            tags.add("broadsheet");
        }
        leading = bodySize * (1.1f + rng.nextFloat() * 0.4f);
        float y = mt;
        if (rng.nextDouble() < 0.4) {
            float size = Math.max(7, bodySize - 1.5f);
            String left = HEADS[rng.nextInt(HEADS.length)] + " " + words(1 + rng.nextInt(2));
            String right = "Vol. " + (1 + rng.nextInt(40)) + " No. " + (1 + rng.nextInt(12));
            placeLeft("running-head", List.of(left.split(" ")), ml, y + size, headFamily, Style.ITALIC, size);
            placeRight("running-head", List.of(right.split(" ")), w - mr, y + size, headFamily, Style.ITALIC, size);
            marks.add(new Mark(ml, y + size + 4, w - mr, y + size + 4, false));
            y += size + 14;
            tags.add("runhead");
        } else if (rng.nextDouble() < 0.3) {
            y = masthead(ml, w - mr, y);
        }
        float bottom = h - mb;
        int bands = rng.nextDouble() < 0.7 ? 1 : 2;
        for (int b = 0; b < bands; b++) {
            float bandBottom = b == bands - 1 ? bottom : y + (bottom - y) * (0.4f + 0.2f * rng.nextFloat());
            y = band(b, ml, w - mr, y, bandBottom);
            if (b < bands - 1) {
                // the next band may be a feuilleton below the line, then often as tight to the band above as on
                // old newspapers (so that no blank band separates them)
                boolean feuilleton = v2 && lastCols > 1 && rng.nextDouble() < 0.7;
                float gap = feuilleton ? 3 + 9 * rng.nextFloat() : 12;
                marks.add(new Mark(ml, bandBottom + gap / 3, w - mr, bandBottom + gap / 3, false));
                y = bandBottom + gap;
                if (feuilleton) {
                    y = feuilleton(ml, w - mr, y, h - mb);
                    break;
                }
            }
        }
        float fsize = Math.max(7, bodySize - 1);
        boolean tight = rng.nextDouble() < (v2 ? 0.4 : 0.3);
        float lowest = 0;
        for (GenLine l : lines) {
            lowest = Math.max(lowest, l.baseline());
        }
        // tight: just under the columns (half the time right under the lowest line, as in many papers), else in
        // the bottom margin
        float fbase = !tight ? h - mb / 2
                : !v2 || rng.nextBoolean() ? bottom + fsize * (1.0f + 0.6f * rng.nextFloat())
                : lowest + fsize * (1.15f + 0.35f * rng.nextFloat());
        if (tight) {
            tags.add("tightfoot");
        }
        if (rng.nextDouble() < 0.5) {
            placeLeft("footer", List.of(("Printed " + words(2 + rng.nextInt(3))).split(" ")), ml, fbase, bodyFamily, Style.REGULAR, fsize);
            tags.add("footnote");
        }
        String num = Integer.toString(1 + rng.nextInt(480));
        if (rng.nextBoolean()) {
            placeRight("page-number", List.of(num), w - mr, fbase, bodyFamily, Style.REGULAR, fsize);
        } else {
            // centred under the text block, i.e. in the gutter under two columns; as in HRDoc's conference
            // papers, often a little off centre, overlapping the left column's right edge
            float nw = Fonts.width(bodyFamily, Style.REGULAR, fsize, num);
            float off = !v2 || rng.nextBoolean() ? 0 : nw * (-0.9f + 1.1f * rng.nextFloat());
            placeLeft("page-number", List.of(num), (v2 ? (ml + w - mr) / 2 : w / 2) - nw / 2 + off, fbase, bodyFamily, Style.REGULAR, fsize);
        }
        String layout = String.join(",", tags) + ",font=" + bodyFamily.name().toLowerCase() + "/" + bodySize;
        return new SynthPage(seed, layout, w, h, lines, marks, figureUnits);
    }

    /**
     * A newspaper masthead: a small block of 2-4 short lines at the left (price, subscription), the title centred
     * in large type, a small block at the right (issue number, advertising rates), then a rule. Read block by block:
     * left block top to bottom, title, right block.
     */
    private float masthead(float x0, float x1, float y) {
        float ss = Math.max(6.5f, bodySize - 1.5f);
        float ts = 22 + rng.nextInt(15);
        float blockW = (x1 - x0) * (0.18f + 0.06f * rng.nextFloat());
        int nl = 2 + rng.nextInt(3);
        int nr = 2 + rng.nextInt(3);
        float top = y;
        for (int i = 0; i < nl; i++) {
            String t = i == 0 ? capital(VOCAB[rng.nextInt(VOCAB.length)]) + ":" : words(2 + rng.nextInt(3)) + " " + rng.nextInt(40) + ".";
            placeLeft("masthead", List.of(t.split(" ")), x0, top + ss * 1.3f * (i + 1), bodyFamily, Style.REGULAR, ss);
        }
        String title = HEADS[rng.nextInt(HEADS.length)] + " " + capital(VOCAB[rng.nextInt(VOCAB.length)]);
        float tw = Fonts.width(headFamily, Style.BOLD, ts, title);
        float titleBase = top + Math.max(ts, ss * 1.3f * Math.max(nl, nr) * 0.75f);
        placeLeft("masthead-title", List.of(title.split(" ")), (x0 + x1) / 2 - tw / 2, titleBase, headFamily, Style.BOLD, ts);
        for (int i = 0; i < nr; i++) {
            String t = i == 0 ? "Nr. " + (1 + rng.nextInt(400)) + "." : words(2 + rng.nextInt(2)) + " " + rng.nextInt(90);
            float lw = Fonts.width(bodyFamily, Style.REGULAR, ss, t);
            float lx = x1 - blockW + Math.max(0, (blockW - lw) / 2);
            placeLeft("masthead", List.of(t.split(" ")), Math.min(lx, x1 - lw), top + ss * 1.3f * (i + 1), bodyFamily, Style.REGULAR, ss);
        }
        y = Math.max(titleBase + ts * 0.3f, top + ss * 1.3f * Math.max(nl, nr) + ss * 0.4f);
        marks.add(new Mark(x0, y + 3, x1, y + 3, false));
        tags.add("masthead");
        return y + 10;
    }

    private float band(int b, float x0, float x1, float y, float bottom) {
        StringBuilder tag = new StringBuilder("band" + (b + 1) + "=");
        float hs = 14 + rng.nextInt(11);
        boolean centred = rng.nextDouble() < 0.3;
        for (List<String> l : wrap(words(3 + rng.nextInt(8)), headFamily, Style.BOLD, hs, x1 - x0)) {
            y += hs * 1.15f;
            if (centred) {
                float lw = Fonts.width(headFamily, Style.BOLD, hs, String.join(" ", l));
                placeLeft("headline", l, (x0 + x1) / 2 - lw / 2, y, headFamily, Style.BOLD, hs);
            } else {
                placeLeft("headline", l, x0, y, headFamily, Style.BOLD, hs);
            }
        }
        y += hs * 0.4f;
        if (rng.nextDouble() < 0.5) {
            float ss = bodySize + 1.5f;
            for (List<String> l : wrap(words(10 + rng.nextInt(20)), headFamily, Style.ITALIC, ss, x1 - x0)) {
                y += ss * 1.25f;
                placeLeft("standfirst", l, x0, y, headFamily, Style.ITALIC, ss);
            }
            y += ss * 0.5f;
            tag.append("standfirst+");
        }
        if (rng.nextDouble() < 0.5) {
            marks.add(new Mark(x0, y + 2, x1, y + 2, false));
        }
        y += 10;
        float gutter = broadsheet ? 6 + rng.nextInt(7) : 10 + rng.nextInt(15);
        boolean sidebar = b == 0 && rng.nextDouble() < 0.25;
        float mainX1 = x1;
        float sideX0 = 0;
        if (sidebar) {
            sideX0 = x1 - (x1 - x0) * (0.22f + 0.08f * rng.nextFloat());
            mainX1 = sideX0 - gutter;
        }
        int cols = broadsheet ? 3 + rng.nextInt(4) : 1 + rng.nextInt(4);
        while (cols > 1 && (mainX1 - x0 - (cols - 1) * gutter) / cols < (broadsheet ? 90 : 100)) {
            cols--;
        }
        tag.append(cols).append("col");
        lastCols = sidebar ? 0 : cols;
        lastGutter = gutter;
        float colW = (mainX1 - x0 - (cols - 1) * gutter) / cols;
        int figs0 = figures;
        int tabs0 = tables;
        float fill = 0.55f + 0.45f * rng.nextFloat();
        Flow flow = new Flow(bodyFamily, bodySize, leading, "body");
        boolean rules = broadsheet || rng.nextDouble() < 0.15;
        for (int c = 0; c < cols; c++) {
            float cx = x0 + c * (colW + gutter);
            float stop = c == cols - 1 ? y + (bottom - y) * fill : bottom;
            curCol = c;
            curCols = cols;
            curGutter = gutter;
            column(flow, cx, colW, y, stop, true);
            if (rules && c > 0) {
                marks.add(new Mark(cx - gutter / 2, y, cx - gutter / 2, bottom, false));
            }
        }
        if (figures > figs0) {
            tag.append("+figure");
        }
        if (tables > tabs0) {
            tag.append("+table");
        }
        if (sidebar) {
            float sh = (bottom - y) * (0.4f + 0.5f * rng.nextFloat());
            marks.add(new Mark(sideX0, y, x1, y + sh, false));
            float pad = 6;
            float ts = bodySize + 1;
            float sy = y + pad;
            for (List<String> l : wrap(words(2 + rng.nextInt(4)), headFamily, Style.BOLD, ts, x1 - sideX0 - 2 * pad)) {
                sy += ts * 1.2f;
                placeLeft("sidebar-title", l, sideX0 + pad, sy, headFamily, Style.BOLD, ts);
            }
            sy += 4;
            float ss = Math.max(7, bodySize - 1);
            column(new Flow(bodyFamily, ss, ss * 1.25f, "sidebar-body"), sideX0 + pad, x1 - sideX0 - 2 * pad, sy, y + sh - pad, false);
            tag.append("+sidebar");
        }
        tags.add(tag.toString());
        return bottom;
    }

    /**
     * A lower band set in the same column grid as the band above, as a newspaper's feuilleton "below the line": no
     * spanning headline, only a small centred heading at the top of its first column; its lines have the role
     * {@code feuilleton}. Its columns line up with those above, so a projection cut can read each column down
     * through both bands; the reader finishes the band above first.
     */
    private float feuilleton(float x0, float x1, float y, float bottom) {
        int cols = lastCols;
        float gutter = lastGutter;
        float colW = (x1 - x0 - (cols - 1) * gutter) / cols;
        float hs = bodySize + 1 + rng.nextInt(4);
        String head = capital(VOCAB[rng.nextInt(VOCAB.length)]) + (rng.nextBoolean() ? "." : "");
        float hw = Fonts.width(headFamily, Style.BOLD, hs, head);
        float hy = y + hs * 1.2f;
        placeLeft("feuilleton", List.of(head.split(" ")), x0 + colW / 2 - Math.min(hw, colW) / 2, hy, headFamily, Style.BOLD, hs);
        Flow flow = new Flow(bodyFamily, bodySize, leading, "feuilleton");
        float fill = 0.55f + 0.45f * rng.nextFloat();
        for (int c = 0; c < cols; c++) {
            float cx = x0 + c * (colW + gutter);
            float top = c == 0 ? hy + hs * 0.5f : y;
            column(flow, cx, colW, top, c == cols - 1 ? y + (bottom - y) * fill : bottom, false);
        }
        tags.add("band2=" + cols + "col-feuilleton");
        lastCols = 0;
        return bottom;
    }

    /** Body text state carried from column to column (a paragraph continues in the next column). */
    private final class Flow {
        final Family family;
        final float size;
        final float lead;
        final String role;
        List<String> para = new ArrayList<>();
        int pos;

        Flow(Family family, float size, float lead, String role) {
            this.family = family;
            this.size = size;
            this.lead = lead;
            this.role = role;
        }
    }

    private void column(Flow f, float x, float colW, float top, float stop, boolean inserts) {
        float y = top;
        boolean indent = rng.nextBoolean();
        while (true) {
            if (f.pos >= f.para.size()) {
                f.para = List.of(words(15 + rng.nextInt(70)).split(" "));
                f.pos = 0;
                if (y > top) {
                    y += f.lead * 0.4f;
                }
                if (inserts && rng.nextDouble() < 0.12) {
                    y = rng.nextBoolean() ? figure(x, colW, y, stop) : table(x, colW, y, stop);
                } else if (inserts && rng.nextDouble() < 0.08 && y + 3 * f.lead < stop) {
                    // a section heading inside the column, numbered as in papers
                    y += f.lead * 0.6f;
                    String head = (++sections) + " " + words(1 + rng.nextInt(4));
                    for (List<String> l : wrap(head, f.family, Style.BOLD, f.size + 1, colW)) {
                        y += f.lead;
                        placeLeft("heading", l, x, y, f.family, Style.BOLD, f.size + 1);
                    }
                } else if (inserts && rng.nextDouble() < 0.05 && y + 3 * f.lead < stop) {
                    // a displayed equation: centred, its number at the right margin
                    String eq = VOCAB[rng.nextInt(VOCAB.length)].charAt(0) + " = " + VOCAB[rng.nextInt(VOCAB.length)].charAt(0)
                            + " + " + (2 + rng.nextInt(9)) + VOCAB[rng.nextInt(VOCAB.length)].charAt(0);
                    String num = "(" + (++equations) + ")";
                    y += f.lead * 1.4f;
                    float ew = Fonts.width(f.family, Style.REGULAR, f.size, eq);
                    List<String> ws = new ArrayList<>(List.of(eq.split(" ")));
                    float[] xs = new float[ws.size() + 1];
                    float cx = x + colW / 2 - ew / 2;
                    float space = Fonts.width(f.family, Style.REGULAR, f.size, " ");
                    for (int i = 0; i < ws.size(); i++) {
                        xs[i] = cx;
                        cx += Fonts.width(f.family, Style.REGULAR, f.size, ws.get(i)) + space;
                    }
                    xs[ws.size()] = x + colW - Fonts.width(f.family, Style.REGULAR, f.size, num);
                    ws.add(num);
                    lines.add(new GenLine("equation", ws, xs, y, f.family, Style.REGULAR, f.size));
                    y += f.lead * 0.4f;
                }
            }
            if (y + f.lead > stop) {
                return;
            }
            y += f.lead;
            float start = x + (f.pos == 0 && indent ? f.size * 1.5f : 0);
            float avail = x + colW - start;
            List<String> l = new ArrayList<>();
            float used = 0;
            float space = Fonts.width(f.family, Style.REGULAR, f.size, " ");
            while (f.pos < f.para.size()) {
                String wd = f.para.get(f.pos);
                float ww = Fonts.width(f.family, Style.REGULAR, f.size, wd);
                if (!l.isEmpty() && used + space + ww > avail) {
                    break;
                }
                used += (l.isEmpty() ? 0 : space) + ww;
                l.add(wd);
                f.pos++;
            }
            boolean last = f.pos >= f.para.size();
            float extra = last || l.size() < 2 ? 0 : (avail - used) / (l.size() - 1);
            float[] xs = new float[l.size()];
            float cx = start;
            for (int i = 0; i < l.size(); i++) {
                xs[i] = cx;
                cx += Fonts.width(f.family, Style.REGULAR, f.size, l.get(i)) + space + extra;
            }
            lines.add(new GenLine(f.role, l, xs, y, f.family, Style.REGULAR, f.size));
        }
    }

    private float figure(float x, float colW, float y, float stop) {
        float fh = colW * (0.4f + 0.4f * rng.nextFloat());
        float cs = Math.max(7, bodySize - 1);
        List<List<String>> cap = wrap("Figure " + (figures + 1) + ". " + words(4 + rng.nextInt(14)), bodyFamily, Style.ITALIC, cs, colW);
        if (y + 4 + fh + cap.size() * cs * 1.25f + leading > stop) {
            return y;
        }
        figures++;
        float fx0 = x;
        float fx1 = x + colW;
        if (v3 && curCols > 1 && rng.nextDouble() < 0.7) {
            // the figure's box reaches into the gutter: beside a neighbouring column mostly to within 2 pt of it
            // (no gutter left to cut), else part way; at the page's edge a little into the margin
            boolean left = rng.nextBoolean();
            boolean right = !left || rng.nextBoolean();
            if (left) {
                fx0 -= curCol > 0 ? reach() : 12 * rng.nextFloat();
            }
            if (right) {
                fx1 += curCol < curCols - 1 ? reach() : 15 * rng.nextFloat();
            }
        }
        marks.add(new Mark(fx0, y + 4, fx1, y + 4 + fh, true));
        if (v3) {
            figureUnits.add(new SynthPage.Figure(marks.size() - 1, lines.size()));
        }
        y += 4 + fh + 2;
        for (List<String> l : cap) {
            y += cs * 1.25f;
            placeLeft("caption", l, x, y, bodyFamily, Style.ITALIC, cs);
        }
        return y + cs * 0.6f;
    }

    /** How far a figure reaches into a gutter beside a neighbouring column (template set 3). */
    private float reach() {
        return rng.nextDouble() < 0.75 ? curGutter - 2 * rng.nextFloat() : curGutter * (0.3f + 0.6f * rng.nextFloat());
    }

    private float table(float x, float colW, float y, float stop) {
        int cells = 2 + rng.nextInt(3);
        while (cells > 2 && colW / cells < 45) {
            cells--;
        }
        int rows = 3 + rng.nextInt(4);
        float ts = Math.max(7, bodySize - 1);
        float rh = ts * 1.5f;
        if (y + 6 + (rows + 1) * rh + leading > stop) {
            return y;
        }
        tables++;
        float cw = colW / cells;
        y += 4;
        marks.add(new Mark(x, y, x + colW, y, false));
        for (int r = 0; r < rows; r++) {
            y += rh;
            List<String> ws = new ArrayList<>();
            List<Float> xsl = new ArrayList<>();
            for (int c = 0; c < cells; c++) {
                String cell = r == 0 ? capital(VOCAB[rng.nextInt(VOCAB.length)])
                        : (c == 0 ? VOCAB[rng.nextInt(VOCAB.length)] : Integer.toString(rng.nextInt(10000)));
                float cwid = Fonts.width(bodyFamily, r == 0 ? Style.BOLD : Style.REGULAR, ts, cell);
                ws.add(cell);
                xsl.add(c == 0 ? x + 2 : x + (c + 1) * cw - 2 - cwid);
            }
            float[] xs = new float[xsl.size()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = xsl.get(i);
            }
            lines.add(new GenLine("table-row", ws, xs, y, bodyFamily, r == 0 ? Style.BOLD : Style.REGULAR, ts));
            if (r == 0) {
                marks.add(new Mark(x, y + ts * 0.4f, x + colW, y + ts * 0.4f, false));
            }
        }
        marks.add(new Mark(x, y + ts * 0.5f, x + colW, y + ts * 0.5f, false));
        return y + ts;
    }

    private void placeLeft(String role, List<String> ws, float x, float baseline, Family f, Style s, float size) {
        float[] xs = new float[ws.size()];
        float space = Fonts.width(f, s, size, " ");
        float cx = x;
        for (int i = 0; i < ws.size(); i++) {
            xs[i] = cx;
            cx += Fonts.width(f, s, size, ws.get(i)) + space;
        }
        lines.add(new GenLine(role, ws, xs, baseline, f, s, size));
    }

    private void placeRight(String role, List<String> ws, float right, float baseline, Family f, Style s, float size) {
        placeLeft(role, ws, right - Fonts.width(f, s, size, String.join(" ", ws)), baseline, f, s, size);
    }

    private List<List<String>> wrap(String text, Family f, Style s, float size, float width) {
        List<List<String>> out = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        for (String wd : text.split(" ")) {
            cur.add(wd);
            if (cur.size() > 1 && Fonts.width(f, s, size, String.join(" ", cur)) > width) {
                cur.remove(cur.size() - 1);
                out.add(cur);
                cur = new ArrayList<>(List.of(wd));
            }
        }
        out.add(cur);
        return out;
    }

    private String words(int n) {
        StringBuilder sb = new StringBuilder(capital(VOCAB[rng.nextInt(VOCAB.length)]));
        for (int i = 1; i < n; i++) {
            sb.append(' ').append(VOCAB[rng.nextInt(VOCAB.length)]);
        }
        return sb.toString();
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private Family pickFamily(double courier) {
        double r = rng.nextDouble();
        return r < courier ? Family.COURIER : r < courier + (1 - courier) / 2 ? Family.HELVETICA : Family.TIMES;
    }
}
