package dev.readout.cli.samples;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code multipage-g4.tif}: three bilevel pages (1700 × 2200 pixels at 300 dpi) of meeting minutes, one
 * TIFF with CCITT T.6 (Group 4) compression, as fax servers and document scanners write them. Each page
 * has a heading, a few distinct lines and a page footer.
 */
final class TiffSample {
    static final String FILE = "multipage-g4.tif";
    static final int WIDTH = 1700;
    static final int HEIGHT = 2200;
    static final int DPI = 300;

    static final List<List<String>> PAGES = List.of(
            List.of("Harbour Board: minutes of the March meeting",
                    "Present: the chair, the treasurer and four members.",
                    "The chair opened the meeting at seven in the evening.",
                    "The minutes of the February meeting were approved.",
                    "Item one: the survey of the north pier is complete.",
                    "The surveyor found cracks in two of the oak piles."),
            List.of("Item two: finances",
                    "The treasurer reported a balance of 18,420 pounds.",
                    "Mooring fees rose by four percent this year.",
                    "A grant for the new crane was approved in January.",
                    "Members asked for a quote to repair the slipway.",
                    "The quote is expected before the April meeting."),
            List.of("Item three: any other business",
                    "The lifeboat crew thanked the board for the new shed.",
                    "A summer open day will be held on the first Saturday of July.",
                    "Volunteers will paint the harbour railings in May.",
                    "The next meeting is on the second Tuesday of April.",
                    "The chair closed the meeting at a quarter to nine."));

    private TiffSample() {
    }

    static void write(Path file) throws IOException {
        List<BufferedImage> pages = new ArrayList<>();
        for (int i = 0; i < PAGES.size(); i++) {
            pages.add(RasterKit.binarise(drawPage(i), 140));
        }
        RasterKit.writeG4Tiff(pages, DPI, file);
    }

    static BufferedImage drawPage(int index) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = RasterKit.canvas(img, 255);
        try {
            g.setColor(Color.BLACK);
            List<String> lines = PAGES.get(index);
            int left = 170;
            g.setFont(RasterKit.font(54, true));
            g.drawString(lines.get(0), left, 300);
            g.setFont(RasterKit.font(40, false));
            int y = 440;
            for (String line : lines.subList(1, lines.size())) {
                g.drawString(line, left, y);
                y += 80;
            }
            g.setFont(RasterKit.font(34, false));
            String footer = "Page " + (index + 1) + " of " + PAGES.size();
            int fw = g.getFontMetrics().stringWidth(footer);
            g.drawString(footer, (WIDTH - fw) / 2, HEIGHT - 150);
        } finally {
            g.dispose();
        }
        return img;
    }
}
