package dev.readout.eval.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.export.PageXmlExporter;
import dev.readout.core.model.Box;
import dev.readout.core.model.Document;
import dev.readout.core.model.DocumentStatus;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.SourceInfo;
import dev.readout.core.model.TextSource;
import dev.readout.core.model.Word;
import dev.readout.reader.xycut.XyCutReadingOrder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our PAGE-XML export, read back by our PAGE-XML ground-truth reader, gives the page's own reading order. */
class PageXmlExportRoundTripTest {

    @Test
    void readingOrderSurvivesExportAndImport() throws Exception {
        List<Word> words = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        int n = 0;
        // a headline, then two columns of 8 lines each
        n = line(words, lines, n, "Headline & <news>", 200, 100, 2200, 170);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 8; i++) {
                double x0 = 200 + c * 1050;
                n = line(words, lines, n, "column " + (c + 1) + " line " + (i + 1), x0, 300 + i * 60, x0 + 950, 345 + i * 60);
            }
        }
        Page page = new XyCutReadingOrder().apply(new Page(1, 2480, 3508, 300, TextSource.TEXT_LAYER, 0, 0, words, lines, List.of()));
        Document doc = new Document(Document.SCHEMA_VERSION, new SourceInfo("t.pdf", "application/pdf", "sha", 0, 1),
                DocumentStatus.SUCCEEDED, List.of(page), List.of(), List.of());
        String xml = new PageXmlExporter().export(doc, page, "t-p1.png", "2026-11-26T00:00:00Z");
        assertThat(xml).contains("<ReadingOrder>").contains("Headline &amp; &lt;news&gt;").contains("imageWidth=\"2480\"");

        OrderedPage back = PageXmlReader.read("t", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Map<String, String> text = new HashMap<>();
        back.page().words().forEach(w -> text.put(w.id(), w.text()));
        Map<String, String> lineText = new HashMap<>();
        back.page().lines().forEach(l -> lineText.put(l.id(), text.get(l.wordIds().get(0))));
        List<String> readBack = back.gold().stream().map(lineText::get).toList();

        Map<String, String> orig = new HashMap<>();
        words.forEach(w -> orig.put(w.id(), w.text()));
        List<String> expected = new ArrayList<>();
        for (String id : page.readingOrder()) {
            Line l = lines.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            expected.add(String.join(" ", l.wordIds().stream().map(orig::get).toList()));
        }
        assertThat(expected.get(1)).isEqualTo("column 1 line 1");
        assertThat(expected.get(9)).isEqualTo("column 2 line 1");
        assertThat(readBack).containsExactlyElementsOf(expected);
        assertThat(back.page().width()).isEqualTo(2480);
    }

    private static int line(List<Word> words, List<Line> lines, int n, String text, double x0, double y0, double x1, double y1) {
        String[] ws = text.split(" ");
        List<String> ids = new ArrayList<>();
        double step = (x1 - x0) / ws.length;
        for (int i = 0; i < ws.length; i++) {
            String id = "p1-w" + (++n);
            words.add(new Word(id, ws[i], new Box(x0 + i * step, y0, x0 + (i + 1) * step - 10, y1), 0.9, "text-layer"));
            ids.add(id);
        }
        lines.add(new Line("p1-l" + (lines.size() + 1), new Box(x0, y0, x1, y1), ids, 0.9, "text-layer"));
        return n;
    }
}
