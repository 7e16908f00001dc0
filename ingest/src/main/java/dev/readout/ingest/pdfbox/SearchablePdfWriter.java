package dev.readout.ingest.pdfbox;

import dev.readout.core.model.Box;
import dev.readout.core.model.Page;
import dev.readout.core.model.Word;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * A searchable PDF: each page is the page image the words' boxes refer to, with an invisible text layer (rendering
 * mode 3) placing every word over its box, stretched to the box width, so that search, selection and copy work as
 * in the image. Page size = image size at the page's dpi. Text uses DejaVu Sans (embedded subset, any Unicode) when
 * the system has it (Debian {@code fonts-dejavu-core}), else Helvetica with characters it cannot encode replaced by
 * {@code ?}. Images: bilevel and gray pages lossless, colour pages JPEG (quality 0.85).
 */
public final class SearchablePdfWriter implements AutoCloseable {
    private static final Path[] UNICODE_FONTS = {Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf")};

    private final PDDocument pdf = new PDDocument();
    private final PDFont font;
    private final boolean unicode;

    public SearchablePdfWriter() throws IOException {
        PDFont f = null;
        for (Path p : UNICODE_FONTS) {
            if (Files.isRegularFile(p)) {
                f = PDType0Font.load(pdf, p.toFile());
                break;
            }
        }
        unicode = f != null;
        font = f != null ? f : new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    }

    /** Appends a page: {@code image} is the page image {@code page}'s boxes refer to. */
    public void addPage(Page page, BufferedImage image) throws IOException {
        double dpi = page.dpi() > 0 ? page.dpi() : 300;
        float scale = (float) (72.0 / dpi);
        float w = image.getWidth() * scale;
        float h = image.getHeight() * scale;
        PDPage p = new PDPage(new PDRectangle(w, h));
        pdf.addPage(p);
        PDImageXObject img = image.getType() == BufferedImage.TYPE_BYTE_GRAY || image.getType() == BufferedImage.TYPE_BYTE_BINARY
                ? LosslessFactory.createFromImage(pdf, image) : JPEGFactory.createFromImage(pdf, image, 0.85f);
        double sx = image.getWidth() / (double) Math.max(1, page.width());
        double sy = image.getHeight() / (double) Math.max(1, page.height());
        try (PDPageContentStream cs = new PDPageContentStream(pdf, p)) {
            cs.drawImage(img, 0, 0, w, h);
            cs.beginText();
            cs.setRenderingMode(RenderingMode.NEITHER);
            for (Word word : page.words()) {
                String text = encodable(word.text().strip());
                if (text.isEmpty()) {
                    continue;
                }
                Box b = word.box();
                float bh = (float) (b.height() * sy * scale);
                float bw = (float) (b.width() * sx * scale);
                if (bh <= 0 || bw <= 0) {
                    continue;
                }
                float size = Math.max(1f, bh * 0.85f);
                float tw = font.getStringWidth(text) / 1000f * size;
                cs.setFont(font, size);
                cs.setHorizontalScaling(tw > 0 ? 100f * bw / tw : 100f);
                float x = (float) (b.x0() * sx * scale);
                float baseline = h - (float) (b.y1() * sy * scale) + bh * 0.2f;
                cs.setTextMatrix(new org.apache.pdfbox.util.Matrix(1, 0, 0, 1, x, baseline));
                cs.showText(text);
            }
            cs.endText();
        }
    }

    private String encodable(String s) throws IOException {
        if (unicode) {
            StringBuilder sb = new StringBuilder();
            s.codePoints().forEach(cp -> {
                try {
                    ((PDType0Font) font).encode(new String(Character.toChars(cp)));
                    sb.appendCodePoint(cp);
                } catch (IOException | IllegalArgumentException e) {
                    sb.append('?');
                }
            });
            return sb.toString();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            try {
                font.encode(String.valueOf(c));
                sb.append(c);
            } catch (IllegalArgumentException e) {
                sb.append('?');
            }
        }
        return sb.toString();
    }

    /** Writes the PDF and closes this writer. */
    public void write(OutputStream out) throws IOException {
        try {
            pdf.save(out);
        } finally {
            close();
        }
    }

    public int pages() {
        return pdf.getNumberOfPages();
    }

    @Override
    public void close() throws IOException {
        pdf.close();
    }

    /** Convenience: the pages and their images in order. */
    public static void write(List<Page> pages, List<BufferedImage> images, OutputStream out) throws IOException {
        try (SearchablePdfWriter w = new SearchablePdfWriter()) {
            for (int i = 0; i < pages.size(); i++) {
                w.addPage(pages.get(i), images.get(i));
            }
            w.write(out);
        }
    }
}
