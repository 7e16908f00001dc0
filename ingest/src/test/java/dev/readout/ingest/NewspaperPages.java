package dev.readout.ingest;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;

/** Newspaper-like pages rendered with Java2D for tests: two columns of prose, optionally ruled, titled, framed, dusty. */
public final class NewspaperPages {
    public static final int WIDTH = 1700;
    public static final int HEIGHT = 1500;
    /** Left column [LEFT_X0, LEFT_X1), right column [RIGHT_X0, RIGHT_X1); the gutter lies between. */
    public static final int LEFT_X0 = 120;
    public static final int LEFT_X1 = 820;
    public static final int RIGHT_X0 = 880;
    public static final int RIGHT_X1 = 1580;
    public static final int BODY_Y0 = 400;
    public static final int TITLE_BASELINE = 250;
    public static final String LEFT_WORDS = "the council met on monday and agreed to build a new bridge over the river before winter";
    public static final String RIGHT_WORDS = "prices of grain rose again at the market while farmers waited for rain in the valley";

    private NewspaperPages() {
    }

    /**
     * @param ruled a thin vertical rule in the gutter and a horizontal rule under the title
     * @param title a letter-spaced title across the page above the columns
     * @param frame a thin frame around everything
     * @param dust  scattered specks of 1-3 px
     */
    public static BufferedImage page(boolean ruled, boolean title, boolean frame, boolean dust) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        if (title) {
            g.setFont(new Font(Font.SERIF, Font.BOLD, 90));
            FontMetrics fm = g.getFontMetrics();
            String t = "D A I L Y  N E W S";
            g.drawString(t, titleX(fm, t), TITLE_BASELINE);
        }
        g.setFont(new Font(Font.SERIF, Font.PLAIN, 30));
        column(g, LEFT_WORDS, LEFT_X0, LEFT_X1);
        column(g, RIGHT_WORDS, RIGHT_X0, RIGHT_X1);
        if (ruled) {
            g.fillRect((LEFT_X1 + RIGHT_X0) / 2 - 1, BODY_Y0 - 20, 3, HEIGHT - BODY_Y0 - 80);
            g.fillRect(LEFT_X0, BODY_Y0 - 60, RIGHT_X1 - LEFT_X0, 3);
        }
        if (frame) {
            g.fillRect(40, 40, WIDTH - 80, 4);
            g.fillRect(40, HEIGHT - 44, WIDTH - 80, 4);
            g.fillRect(40, 40, 4, HEIGHT - 80);
            g.fillRect(WIDTH - 44, 40, 4, HEIGHT - 80);
        }
        if (dust) {
            Random r = new Random(7);
            for (int i = 0; i < 4000; i++) {
                int s = 1 + r.nextInt(3);
                g.fillRect(r.nextInt(WIDTH), r.nextInt(HEIGHT), s, s);
            }
        }
        g.dispose();
        return img;
    }

    /**
     * Where to start the title near the centre so that a letter, not a space, lies over the gutter: a title whose gap
     * happened to continue the gutter would be cut there by any XY-cut, which is not what the tests are about.
     */
    private static int titleX(FontMetrics fm, String t) {
        int gutter = (LEFT_X1 + RIGHT_X0) / 2;
        for (int dx = 0; dx < 200; dx += 5) {
            int x = (WIDTH - fm.stringWidth(t)) / 2 + dx;
            int at = x;
            for (char c : t.toCharArray()) {
                int adv = fm.charWidth(c);
                if (c != ' ' && at + 0.2 * adv <= gutter && gutter <= at + 0.8 * adv) {
                    return x;
                }
                at += adv;
            }
        }
        throw new IllegalStateException("no title position puts a letter over the gutter");
    }

    /** Fills [x0, x1) from BODY_Y0 down with the words repeated, line by line, 42 px apart. */
    private static void column(Graphics2D g, String text, int x0, int x1) {
        FontMetrics fm = g.getFontMetrics();
        String[] words = text.split(" ");
        Random shuffle = new Random(text.length());
        int y = BODY_Y0 + 30;
        int k = 0;
        while (y < HEIGHT - 120) {
            StringBuilder line = new StringBuilder();
            while (true) {
                String next = (line.isEmpty() ? "" : line + " ") + words[(k * 7 + shuffle.nextInt(3)) % words.length];
                if (fm.stringWidth(next) > x1 - x0) {
                    break;
                }
                line.setLength(0);
                line.append(next);
                k++;
            }
            g.drawString(line.toString(), x0, y);
            y += 42;
        }
    }
}
