package dev.readout.cli.samples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * {@code scan-skewed-noisy.png}: a "scan" of a filled service request form. The form is drawn upright at
 * 300 dpi (A5, 1748 × 2480 pixels, text 34–60 px), turned clockwise by {@value #SKEW_DEG}° as if fed
 * crooked into a scanner, and sprinkled with salt-and-pepper noise from a fixed seed. Saved as an 8-bit
 * gray PNG declaring 300 dpi. Readout should find a skew of about +4° (it rotates counter-clockwise to fix it).
 */
final class ScanSample {
    static final String FILE = "scan-skewed-noisy.png";
    static final int WIDTH = 1748;
    static final int HEIGHT = 2480;
    static final int DPI = 300;
    /** Clockwise rotation of the page content, in degrees. */
    static final double SKEW_DEG = 4.0;
    static final long SEED = 20240318L;
    /** Share of pixels turned into dark specks (pepper) and into white specks (salt). */
    static final double PEPPER = 0.0012;
    static final double SALT = 0.0012;
    private static final int PAPER = 246;
    private static final int INK = 28;

    /** Printed label and filled-in value of each form row. */
    static final List<String[]> ROWS = List.of(
            new String[] {"Request number:", "SR-20417"},
            new String[] {"Date received:", "18 March 2024"},
            new String[] {"Customer name:", "Eleanor Whitfield"},
            new String[] {"Address:", "27 Mill Lane, Ashford"},
            new String[] {"Telephone:", "01632 960418"},
            new String[] {"Appliance:", "Washing machine WM-1400"},
            new String[] {"Serial number:", "WM14-88231-K"});

    static final List<String> FAULT = List.of(
            "The drum does not spin after the rinse cycle.",
            "A grinding noise is heard at high speed.",
            "Customer asks for a visit on a weekday morning.");

    private ScanSample() {
    }

    static void write(Path file) throws IOException {
        BufferedImage upright = drawForm();
        BufferedImage scan = skew(upright, SKEW_DEG);
        addNoise(scan, new Random(SEED));
        RasterKit.writePng(scan, DPI, file);
    }

    static BufferedImage drawForm() {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = RasterKit.canvas(img, PAPER);
        try {
            g.setColor(new Color(INK, INK, INK));
            int left = 150;
            int right = WIDTH - 150;
            g.setFont(RasterKit.font(60, true));
            g.drawString("SERVICE REQUEST FORM", left, 260);
            g.setFont(RasterKit.font(34, false));
            g.drawString("Brightline Appliance Repairs, workshop copy", left, 330);
            g.setStroke(new BasicStroke(4f));
            g.drawLine(left, 370, right, 370);
            int y = 480;
            int valueX = 620;
            for (String[] r : ROWS) {
                g.setFont(RasterKit.font(36, true));
                g.drawString(r[0], left, y);
                g.setFont(RasterKit.font(38, false));
                g.drawString(r[1], valueX, y);
                g.setStroke(new BasicStroke(2f));
                g.drawLine(valueX - 10, y + 14, right, y + 14);
                y += 105;
            }
            y += 40;
            g.setFont(RasterKit.font(36, true));
            g.drawString("Fault reported:", left, y);
            y += 30;
            g.setStroke(new BasicStroke(3f));
            g.drawRect(left, y, right - left, 250);
            g.setFont(RasterKit.font(36, false));
            int ty = y + 70;
            for (String line : FAULT) {
                g.drawString(line, left + 30, ty);
                ty += 65;
            }
            y += 360;
            g.setFont(RasterKit.font(36, false));
            box(g, left, y - 32, true);
            g.drawString("Under warranty", left + 60, y);
            box(g, left + 620, y - 32, false);
            g.drawString("Collection needed", left + 680, y);
            y += 130;
            g.setFont(RasterKit.font(36, true));
            g.drawString("Technician:", left, y);
            g.setFont(RasterKit.font(38, false));
            g.drawString("R. Okafor", valueX, y);
            g.setStroke(new BasicStroke(2f));
            g.drawLine(valueX - 10, y + 14, right, y + 14);
            g.setFont(RasterKit.font(30, false));
            g.drawString("Form SR-2 (rev. 3). Sample made by the Readout project.", left, HEIGHT - 170);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void box(Graphics2D g, int x, int y, boolean ticked) {
        g.setStroke(new BasicStroke(3f));
        g.drawRect(x, y, 36, 36);
        if (ticked) {
            g.drawLine(x + 7, y + 7, x + 29, y + 29);
            g.drawLine(x + 29, y + 7, x + 7, y + 29);
        }
    }

    /** The page turned clockwise by {@code degrees} about its centre, same canvas, paper-coloured corners. */
    static BufferedImage skew(BufferedImage src, double degrees) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(new Color(PAPER, PAPER, PAPER));
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.rotate(Math.toRadians(degrees), src.getWidth() / 2.0, src.getHeight() / 2.0);
            g.drawImage(src, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Salt-and-pepper noise: isolated dark specks on the paper and white specks in the ink. */
    static void addNoise(BufferedImage img, Random rnd) {
        WritableRaster r = img.getRaster();
        int w = img.getWidth();
        int h = img.getHeight();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = rnd.nextDouble();
                if (u < PEPPER) {
                    r.setSample(x, y, 0, 20 + rnd.nextInt(60));
                } else if (u < PEPPER + SALT) {
                    r.setSample(x, y, 0, 235 + rnd.nextInt(21));
                }
            }
        }
    }
}
