package dev.readout.cli.samples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * {@code map-rotated-labels.png}: a made-up map (1400 × 1100, 8-bit gray) with a toned background, four meandering
 * rivers and a graticule, and labels in Liberation Sans at 0° ("LONDON"), 35° ("Bridgewater"), 90° reading upwards
 * ("RIVER"), 180° upside down ("Castle"), and "Kingston" across the border of the first two 512-px map tiles (their
 * overlap is x 384–512). The map reader's tests check every label is found where it is drawn.
 */
final class MapSample {
    static final String FILE = "map-rotated-labels.png";
    static final int WIDTH = 1400;
    static final int HEIGHT = 1100;

    /** A label: text, centre in pixels, reading direction in degrees counter-clockwise, size in pixels. */
    record Label(String text, double cx, double cy, double angleDeg, int sizePx) {
    }

    static final List<Label> LABELS = List.of(
            new Label("LONDON", 260, 160, 0, 34),
            new Label("Bridgewater", 760, 520, 35, 30),
            new Label("RIVER", 1230, 420, 90, 32),
            new Label("Castle", 330, 760, 180, 32),
            new Label("Kingston", 470, 1000, 0, 32));

    private MapSample() {
    }

    static void write(Path file) throws IOException {
        RasterKit.writePng(image(), 300, file);
    }

    static BufferedImage image() {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = RasterKit.canvas(img, 232);
        try {
            Random rnd = new Random(7);
            g.setColor(new Color(150, 150, 150));
            g.setStroke(new BasicStroke(2f));
            for (int k = 0; k < 4; k++) {
                Path2D.Double p = new Path2D.Double();
                double y = 100 + 250 * k + rnd.nextInt(60);
                p.moveTo(0, y);
                for (int x = 40; x <= WIDTH; x += 40) {
                    y += rnd.nextInt(31) - 15;
                    p.lineTo(x, y);
                }
                g.draw(p);
            }
            g.setStroke(new BasicStroke(1f));
            for (int x = 100; x < WIDTH; x += 300) {
                g.drawLine(x, 0, x, HEIGHT);
            }
            g.setColor(new Color(25, 25, 25));
            for (Label l : LABELS) {
                g.setFont(RasterKit.font(l.sizePx(), false));
                FontMetrics fm = g.getFontMetrics();
                AffineTransform saved = g.getTransform();
                g.translate(l.cx(), l.cy());
                g.rotate(-Math.toRadians(l.angleDeg())); // y points down: a negative turn is counter-clockwise
                g.drawString(l.text(), -fm.stringWidth(l.text()) / 2f, (fm.getAscent() - fm.getDescent()) / 2f);
                g.setTransform(saved);
            }
        } finally {
            g.dispose();
        }
        return img;
    }
}
