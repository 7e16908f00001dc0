package dev.readout.cli.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Deterministic benchmark inputs: dense born-digital PDFs and 300-dpi scanned pages of prose. */
public final class BenchDocs {
    private static final String[] WORDS = ("the of and to in a is that for it as was with be by on not he this are or his from at"
            + " which but have an they you were her she there been one all we their has would when if so no what up out them"
            + " invoice total amount payment account document page archive library newspaper column reader order model layout"
            + " entity answer question value number date address customer service quality report").split(" ");

    private BenchDocs() {
    }

    /** A line of prose about {@code chars} characters long. */
    static String line(Random r, int chars) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < chars) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            String w = WORDS[r.nextInt(WORDS.length)];
            sb.append(r.nextInt(12) == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
            if (r.nextInt(15) == 0) {
                sb.append(r.nextBoolean() ? "," : ".");
            }
        }
        return sb.toString();
    }

    /** A PDF of {@code pages} A4 pages, each with 60 lines of 10-pt Helvetica prose (~5,000 characters). */
    public static void pdf(Path out, int pages) throws IOException {
        Random r = new Random(42);
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 10);
                    cs.setLeading(12.5f);
                    cs.newLineAtOffset(56, 800);
                    cs.showText("Page " + (p + 1));
                    for (int l = 0; l < 60; l++) {
                        cs.newLine();
                        cs.showText(line(r, 95));
                    }
                    cs.endText();
                }
            }
            doc.save(out.toFile());
        }
    }

    /** One A4 page at 300 dpi (2480×3508) with 45 lines of 11-pt-equivalent prose. */
    public static BufferedImage scanPage(long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(2480, 3508, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SERIF, Font.PLAIN, 46));
        for (int l = 0; l < 45; l++) {
            g.drawString(line(r, 70), 240, 300 + l * 66);
        }
        g.dispose();
        return img;
    }

    /** A multi-page CCITT G4 TIFF of {@link #scanPage} pages. */
    public static void tiff(Path out, int pages) throws IOException {
        ImageWriter w = null;
        var it = ImageIO.getImageWritersByFormatName("tiff");
        while (it.hasNext()) {
            ImageWriter c = it.next();
            if (c.getClass().getName().startsWith("com.twelvemonkeys")) {
                w = c;
            }
        }
        if (w == null) {
            throw new IllegalStateException("TwelveMonkeys TIFF writer missing");
        }
        try (ImageOutputStream os = ImageIO.createImageOutputStream(out.toFile())) {
            w.setOutput(os);
            ImageWriteParam param = w.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("CCITT T.6");
            w.prepareWriteSequence(null);
            for (int p = 0; p < pages; p++) {
                BufferedImage bw = new BufferedImage(2480, 3508, BufferedImage.TYPE_BYTE_BINARY);
                Graphics2D g = bw.createGraphics();
                g.drawImage(scanPage(p), 0, 0, null);
                g.dispose();
                w.writeToSequence(new IIOImage(bw, null, null), param);
            }
            w.endWriteSequence();
        } finally {
            w.dispose();
        }
    }

    /**
     * A page of exactly {@code n} lines: the first synthetic reading-order page (seeds 1, 2, …) that has at least
     * {@code n} lines after our ingest, cut to its first {@code n} lines (and their words).
     */
    public static dev.readout.core.model.Page pageWithLines(int n) throws IOException {
        java.nio.file.Path tmp = java.nio.file.Files.createTempDirectory("readout-bench-order");
        try (dev.readout.cli.synth.SynthDataset ds = new dev.readout.cli.synth.SynthDataset()) {
            for (long seed = 1; seed < 500; seed++) {
                dev.readout.core.model.Page p = ds.ingest(dev.readout.cli.synth.SynthGenerator.generate(seed), "bench", tmp);
                if (p.lines().size() >= n) {
                    java.util.List<dev.readout.core.model.Line> lines = p.lines().subList(0, n);
                    java.util.Set<String> ids = new java.util.HashSet<>();
                    lines.forEach(l -> ids.addAll(l.wordIds()));
                    return new dev.readout.core.model.Page(p.number(), p.width(), p.height(), p.dpi(), p.textSource(), 0, 0,
                            p.words().stream().filter(w -> ids.contains(w.id())).toList(), lines, java.util.List.of());
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
        throw new IllegalArgumentException("no synthetic page with " + n + " lines: use a smaller --lines");
    }
}
