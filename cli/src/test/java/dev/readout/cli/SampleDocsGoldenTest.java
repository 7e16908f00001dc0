package dev.readout.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.readout.cli.samples.SampleGenerator;
import dev.readout.core.json.DocumentJson;
import dev.readout.core.model.Box;
import dev.readout.core.model.Document;
import dev.readout.core.model.DocumentStatus;
import dev.readout.core.model.FormField;
import dev.readout.core.model.Page;
import dev.readout.core.model.TextSource;
import dev.readout.core.model.Word;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden-file tests over the committed samples in {@code sample-docs/}: {@code readout extract} in text
 * format (and JSON for the born-digital PDFs) must reproduce {@code sample-docs/expected/*}. Golden files
 * are named after the sample without its extension ({@code invoice.pdf} → {@code expected/invoice.txt}
 * and {@code expected/invoice.json}). OCR'd text is compared after whitespace normalisation, and key
 * facts are asserted separately so that a failure says what broke. Rewrite the golden files with
 * {@code -Dreadout.updateGolden=true}.
 */
class SampleDocsGoldenTest {
    @TempDir
    Path tmp;

    private String extract(String sample, String format) throws IOException {
        Path in = CliHarness.sampleDocs().resolve(sample);
        assertThat(in).as("sample file (regenerate with ./readout make-samples)").isRegularFile();
        Path out = tmp.resolve(sample + "." + format);
        CliHarness.Result r = CliHarness.run("extract", "--format", format, "--out", out.toString(), in.toString());
        assertThat(r.err()).as("stderr of extract %s", sample).isEmpty();
        assertThat(r.exit()).as("exit code of extract %s", sample).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String allText(Page p) {
        return p.words().stream().map(Word::text).collect(Collectors.joining(" "));
    }

    @Test
    void invoice() throws IOException {
        String json = extract("invoice.pdf", "json");
        String text = extract("invoice.pdf", "text");
        CliHarness.assertGolden("invoice.json", json, false);
        CliHarness.assertGolden("invoice.txt", text, false);

        Document doc = DocumentJson.read(json);
        assertThat(doc.status()).isEqualTo(DocumentStatus.SUCCEEDED);
        assertThat(doc.pages()).hasSize(1);
        Page p = doc.pages().get(0);
        assertThat(p.textSource()).isEqualTo(TextSource.TEXT_LAYER);
        assertThat(text).contains("INVOICE", "INV-2024-0117", "15 March 2024", "14 April 2024", "Harbour Analytics B.V.",
                "Desk organiser, bamboo", "586.60", "111.45", "EUR 698.05");

        Map<String, FormField> fields = doc.formFields().stream().collect(Collectors.toMap(FormField::key, f -> f));
        assertThat(fields).containsOnlyKeys("PO number", "Approved by", "Cost centre");
        assertThat(fields.get("PO number").value()).isEqualTo("PO-55812");
        assertThat(fields.get("Approved by").value()).isEqualTo("M. Jansen");
        assertThat(fields.get("Cost centre").value()).isEqualTo("CC-4410");
        for (FormField f : doc.formFields()) {
            assertThat(f.page()).isEqualTo(1);
            assertThat(f.source()).isEqualTo("pdf-acroform");
            Box k = f.keyBox();
            Box v = f.valueBox();
            assertThat(k).as("label box of %s", f.key()).isNotNull();
            assertThat(k.x1()).as("label of %s is left of its widget", f.key()).isLessThanOrEqualTo(v.x0());
            assertThat(Math.min(k.y1(), v.y1()) - Math.max(k.y0(), v.y0())).as("label and widget of %s share a row", f.key())
                    .isGreaterThan(0.5 * k.height());
            assertThat(v.x1()).isLessThanOrEqualTo(p.width());
            assertThat(v.y1()).isLessThanOrEqualTo(p.height());
        }
        assertThat(text).contains("[form fields]\nPO number: PO-55812\nApproved by: M. Jansen\nCost centre: CC-4410\n");
    }

    @Test
    void twoColumnArticle() throws IOException {
        String json = extract("article-two-column.pdf", "json");
        String text = extract("article-two-column.pdf", "text");
        CliHarness.assertGolden("article-two-column.json", json, false);
        CliHarness.assertGolden("article-two-column.txt", text, false);

        String flat = CliHarness.normaliseWhitespace(text);
        int[] cols = SampleGenerator.articleColumns();
        int lastOfFirst = flat.indexOf(SampleGenerator.articleSentence(cols[1]));
        int firstOfSecond = flat.indexOf(SampleGenerator.articleSentence(cols[1] + 1));
        assertThat(lastOfFirst).as("last sentence of column 1 is in the text").isNotNegative();
        assertThat(firstOfSecond).as("first sentence of column 2 is in the text").isNotNegative();
        assertThat(lastOfFirst).as("column 1 is read before column 2").isLessThan(firstOfSecond);
        // stronger: every sentence, whole and in order
        int at = flat.indexOf("Tides, Clocks and the Patient Harbour");
        assertThat(at).as("title first").isZero();
        for (int n = 1; n <= cols[0]; n++) {
            int i = flat.indexOf(SampleGenerator.articleSentence(n), at);
            assertThat(i).as("sentence %d whole and after sentence %d", n, n - 1).isGreaterThan(at);
            at = i;
        }
        assertThat(flat).endsWith("Page 1");
        Document doc = DocumentJson.read(json);
        assertThat(doc.pages().get(0).readingOrderSource()).isEqualTo("xycut");
    }

    @Test
    void skewedNoisyScan() throws IOException {
        String text = extract("scan-skewed-noisy.png", "text");
        CliHarness.assertGolden("scan-skewed-noisy.txt", text, true);
        String json = extract("scan-skewed-noisy.png", "json");

        Document doc = DocumentJson.read(json);
        assertThat(doc.source().mediaType()).isEqualTo("image/png");
        assertThat(doc.pages()).hasSize(1);
        Page p = doc.pages().get(0);
        assertThat(p.textSource()).isEqualTo(TextSource.OCR);
        assertThat(p.dpi()).as("dpi from the PNG's pHYs chunk").isEqualTo(300);
        assertThat(Math.abs(p.skew())).as("skew found").isBetween(3.0, 5.0);
        assertThat(p.skew()).as("the content was turned clockwise, so the fix is counter-clockwise (positive)")
                .isCloseTo(SampleGenerator.scanSkewDegrees(), within(0.5));
        String words = allText(p);
        assertThat(words).contains("SERVICE", "REQUEST", "FORM", "SR-20417", "18 March 2024", "Eleanor", "Whitfield",
                "Ashford", "01632", "960418", "WM-1400", "WM14-88231-K", "drum", "rinse", "grinding", "warranty", "Okafor");
        double meanConf = p.words().stream().mapToDouble(Word::confidence).average().orElse(0);
        assertThat(meanConf).as("mean OCR confidence").isGreaterThan(0.85);

        // Boxes are in pixels of the deskewed page: the form's row labels, drawn upright at x = 150, line up
        // again. On the skewed image their left edges would drift by ~7 px per row (~45 px over the rows).
        List<Double> labelX = new ArrayList<>();
        for (String label : List.of("Request", "Date", "Customer", "Address:", "Telephone:", "Appliance:", "Serial")) {
            Word w = p.words().stream().filter(x -> x.text().equals(label)).findFirst().orElseThrow(
                    () -> new AssertionError("label word '" + label + "' not recognised"));
            labelX.add(w.box().x0());
        }
        double min = labelX.stream().mapToDouble(d -> d).min().orElseThrow();
        double max = labelX.stream().mapToDouble(d -> d).max().orElseThrow();
        assertThat(max - min).as("left edges of the row labels %s", labelX).isLessThan(12);
        assertThat(min).as("labels at the left margin of the upright form").isBetween(135.0, 170.0);
        for (Word w : p.words()) {
            assertThat(w.box().x1()).isLessThanOrEqualTo(p.width());
            assertThat(w.box().y1()).isLessThanOrEqualTo(p.height());
        }
    }

    @Test
    void multipageGroup4Tiff() throws IOException {
        String text = extract("multipage-g4.tif", "text");
        CliHarness.assertGolden("multipage-g4.txt", text, true);
        assertThat(text.split("\f", -1)).as("pages separated by form feeds").hasSize(3);
        String json = extract("multipage-g4.tif", "json");

        Document doc = DocumentJson.read(json);
        assertThat(doc.source().mediaType()).isEqualTo("image/tiff");
        assertThat(doc.source().pageCount()).isEqualTo(3);
        assertThat(doc.pages()).extracting(Page::number).containsExactly(1, 2, 3);
        String[] expect = {"Harbour Board", "finances", "lifeboat"};
        for (Page p : doc.pages()) {
            assertThat(p.dpi()).as("dpi from the TIFF's resolution tags").isEqualTo(300);
            assertThat(p.textSource()).isEqualTo(TextSource.OCR);
            assertThat(Math.abs(p.skew())).isLessThan(0.5);
            String words = allText(p);
            assertThat(words).contains(expect[p.number() - 1], "Page " + p.number() + " of 3");
        }
    }
}
