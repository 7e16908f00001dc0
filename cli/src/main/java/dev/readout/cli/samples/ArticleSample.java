package dev.readout.cli.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * {@code article-two-column.pdf}: a born-digital A4 page with a title spanning both columns and two
 * columns of justified body text. Every sentence starts with its number in words ("Sentence one …" to
 * "Sentence forty-eight …"): sentences one to twenty-four fill the left column, twenty-five to
 * forty-eight the right one, so reading order can be checked from the text alone. A page number sits in
 * the footer.
 */
final class ArticleSample {
    static final String FILE = "article-two-column.pdf";
    static final int SENTENCES = 48;
    static final int PER_PARAGRAPH = 6;
    /** The last sentence of the left column; the right column starts with the next one. */
    static final int LAST_OF_FIRST_COLUMN = 24;
    static final String TITLE = "Tides, Clocks and the Patient Harbour";

    private static final String[] PREDICATES = {
            "notes that the harbour tide rose slowly before dawn.",
            "records the height of the water against the old stone steps.",
            "explains why the moon pulls the sea twice a day.",
            "describes the keeper who wound the tide clock every morning.",
            "mentions that spring tides follow the full and the new moon.",
            "observes that neap tides are gentle and easy to forget.",
            "compares the harbour with a wide bay further along the coast.",
            "tells how fishermen planned their trips around the tables.",
            "admits that the wind can push the water higher than predicted.",
            "lists the brass instruments kept in the harbour office.",
            "recalls a winter storm that flooded the lower quay.",
            "suggests that patience is the first skill of a harbour master.",
    };

    private static final String[] ONES = {"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};

    private ArticleSample() {
    }

    /** 1..99 in English words, e.g. {@code forty-eight}. */
    static String words(int n) {
        if (n < 1 || n > 99) {
            throw new IllegalArgumentException("1..99: " + n);
        }
        if (n < 20) {
            return ONES[n];
        }
        return TENS[n / 10] + (n % 10 == 0 ? "" : "-" + ONES[n % 10]);
    }

    /** Sentence {@code n} (from 1) of the article. */
    static String sentence(int n) {
        return "Sentence " + words(n) + " " + PREDICATES[(n - 1) % PREDICATES.length];
    }

    static void write(Path file) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            float pageW = page.getMediaBox().getWidth();
            float h = page.getMediaBox().getHeight();
            float margin = 56;
            float gutter = 24;
            float colW = (pageW - 2 * margin - gutter) / 2;
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                PdfKit k = new PdfKit(cs, h);
                k.textCentred(PdfKit.HELVETICA_BOLD, 20, pageW / 2, 86, TITLE);
                k.textCentred(PdfKit.HELVETICA_OBLIQUE, 10, pageW / 2, 106,
                        "A sample article in two columns, made for testing reading order");
                k.rule(margin, pageW - margin, 122, 0.6f);
                column(k, margin, 150, colW, 1, LAST_OF_FIRST_COLUMN);
                column(k, margin + colW + gutter, 150, colW, LAST_OF_FIRST_COLUMN + 1, SENTENCES);
                k.textCentred(PdfKit.HELVETICA, 9, pageW / 2, 800, "Page 1");
            }
            PdfKit.save(doc, file, TITLE, "readout-sample-article");
        }
    }

    /** Lays out sentences {@code from..to} as paragraphs in one column, justified except paragraph ends. */
    private static void column(PdfKit k, float x, float top, float width, int from, int to) throws IOException {
        PDFont font = PdfKit.HELVETICA;
        float size = 10;
        float leading = 13;
        float y = top;
        for (int p = from; p <= to; p += PER_PARAGRAPH) {
            StringBuilder para = new StringBuilder();
            for (int s = p; s < Math.min(p + PER_PARAGRAPH, to + 1); s++) {
                para.append(para.isEmpty() ? "" : " ").append(sentence(s));
            }
            List<String> lines = wrap(para.toString(), font, size, width);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int spaces = (int) line.chars().filter(c -> c == ' ').count();
                float extra = width - PdfKit.width(font, size, line);
                float tw = i < lines.size() - 1 && spaces > 0 ? extra / spaces : 0;
                if (tw > 4) {
                    tw = 0; // a very loose line reads better ragged
                }
                k.textSpaced(font, size, x, y, line, tw);
                y += leading;
            }
            y += 6;
            if (y > 760) {
                throw new IllegalStateException("the column overflows the page");
            }
        }
    }

    static List<String> wrap(String text, PDFont font, float size, float width) {
        List<String> lines = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String w : text.split(" ")) {
            String candidate = cur.isEmpty() ? w : cur + " " + w;
            if (!cur.isEmpty() && PdfKit.width(font, size, candidate) > width) {
                lines.add(cur.toString());
                cur = new StringBuilder(w);
            } else {
                cur = new StringBuilder(candidate);
            }
        }
        if (!cur.isEmpty()) {
            lines.add(cur.toString());
        }
        return lines;
    }
}
