package dev.readout.ingest;

import dev.readout.ingest.tesseract.TesseractOcrEngine;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.util.List;

/** Pages rendered with Java2D for tests: known text at a known size. */
public final class TestPages {
    public static final List<String> LINES = List.of(
            "Readout reads documents quickly.",
            "Invoice number 4711 was paid today.",
            "The quick brown fox jumps over",
            "the lazy dog near the river bank.",
            "Total amount due: 1,234.56 EUR");

    private TestPages() {
    }

    /** A 1275×1650 gray page (A-letter at 150 dpi) with {@link #LINES} in 34 px sans-serif. */
    public static BufferedImage page() {
        BufferedImage img = new BufferedImage(1275, 1650, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 34));
        int y = 200;
        for (String line : LINES) {
            g.drawString(line, 150, y);
            y += 70;
        }
        g.dispose();
        return img;
    }

    /** The page lit from the left: its brightness falls linearly from 1 to {@code right} across it. */
    public static BufferedImage litFromLeft(BufferedImage page, double right) {
        BufferedImage out = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                double g = 1 - (1 - right) * x / (page.getWidth() - 1.0);
                out.getRaster().setSample(x, y, 0, (int) Math.round(page.getRaster().getSample(x, y, 0) * g));
            }
        }
        return out;
    }

    public static boolean tesseractInstalled() {
        return Files.isRegularFile(TesseractOcrEngine.DEBIAN_TESSDATA.resolve("eng.traineddata"));
    }
}
