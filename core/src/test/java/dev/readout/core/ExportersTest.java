package dev.readout.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.export.AltoExporter;
import dev.readout.core.export.HocrExporter;
import dev.readout.core.export.MarkdownExporter;
import dev.readout.core.export.TextExporter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class ExportersTest {

    @Test
    void textFollowsReadingOrderWithBlankLinesBetweenRegionsAndFormFields() {
        String text = new TextExporter(true, true).export(Fixtures.document());
        assertThat(text).isEqualTo("Invoice <No.>\n\nTotal & due\n\n[form fields]\nPO number: 4711\n\n[key-value pairs]\nInvoice <No.>: Total & due\n\f");
    }

    @Test
    void hocrIsWellFormedWithEscapedTextAndBoxes() throws Exception {
        String hocr = new HocrExporter().export(Fixtures.document());
        org.w3c.dom.Document x = parse(hocr);
        var spans = x.getElementsByTagName("span");
        Element word = null;
        for (int i = 0; i < spans.getLength(); i++) {
            Element e = (Element) spans.item(i);
            if ("p1-w2".equals(e.getAttribute("id"))) {
                word = e;
            }
        }
        assertThat(word).isNotNull();
        assertThat(word.getTextContent()).isEqualTo("<No.>");
        assertThat(word.getAttribute("title")).isEqualTo("bbox 270 100 330 130; x_wconf 96");
        assertThat(hocr).contains("class=\"ocr_page\" id=\"page_1\" title=\"bbox 0 0 2480 3508; ppageno 0; scan_res 300 300\"");
    }

    @Test
    void altoIsWellFormedWithPixelMeasurements() throws Exception {
        String alto = new AltoExporter().export(Fixtures.document());
        org.w3c.dom.Document x = parse(alto);
        Element s = (Element) x.getElementsByTagName("String").item(2);
        assertThat(s.getAttribute("CONTENT")).isEqualTo("Total & due");
        assertThat(s.getAttribute("HPOS")).isEqualTo("100");
        assertThat(s.getAttribute("WIDTH")).isEqualTo("100");
        assertThat(x.getElementsByTagName("Page").getLength()).isEqualTo(2);
        assertThat(x.getElementsByTagName("TextBlock").getLength()).isEqualTo(2);
        assertThat(x.getElementsByTagName("SP").getLength()).isEqualTo(1);
    }

    /** A page whose second region is a printed rule (no lines): each format names it as a separator with its box. */
    private static dev.readout.core.model.Document withSeparator() {
        var doc = Fixtures.document();
        var p1 = doc.pages().get(0);
        var regions = new java.util.ArrayList<>(p1.regions());
        regions.add(new dev.readout.core.model.Region("p1-r9", dev.readout.core.model.Region.SEPARATOR,
                new dev.readout.core.model.Box(1200, 400, 1204, 3000), java.util.List.of(), 1.0, "readout-columns"));
        var pages = new java.util.ArrayList<>(doc.pages());
        pages.set(0, p1.withRegions(regions));
        return new dev.readout.core.model.Document(doc.schemaVersion(), doc.source(), doc.status(), pages, doc.formFields(), doc.errors());
    }

    @Test
    void separatorsBecomeGraphicalElementsSeparatorRegionsAndOcrSeparators() throws Exception {
        var doc = withSeparator();
        org.w3c.dom.Document alto = parse(new AltoExporter().export(doc));
        Element g = (Element) alto.getElementsByTagName("GraphicalElement").item(0);
        assertThat(g.getAttribute("ID")).isEqualTo("p1-r9");
        assertThat(g.getAttribute("HPOS") + " " + g.getAttribute("VPOS") + " " + g.getAttribute("WIDTH") + " " + g.getAttribute("HEIGHT"))
                .isEqualTo("1200 400 4 2600");
        assertThat(alto.getElementsByTagName("TextBlock").getLength()).isEqualTo(2);   // the separator is no text block

        String pageXml = new dev.readout.core.export.PageXmlExporter().export(doc, doc.pages().get(0), "p1.png", "2026-01-01T00:00:00");
        org.w3c.dom.Document px = parse(pageXml);
        Element sep = (Element) px.getElementsByTagName("SeparatorRegion").item(0);
        assertThat(sep.getAttribute("id")).isEqualTo("p1-r9");
        assertThat(((Element) sep.getElementsByTagName("Coords").item(0)).getAttribute("points"))
                .isEqualTo("1200,400 1204,400 1204,3000 1200,3000");
        assertThat(pageXml).doesNotContain("regionRef=\"p1-r9\"");   // not in the reading order

        String hocr = new HocrExporter().export(doc);
        parse(hocr);
        assertThat(hocr).contains("<div class=\"ocr_separator\" id=\"p1-r9\" title=\"bbox 1200 400 1204 3000\"></div>");
        assertThat(Fixtures.document().pages().get(0).regions()).allMatch(dev.readout.core.model.Region::isText);
    }

    @Test
    void markdownHasPageHeadingsEscapedTextAndAKeyValueTable() {
        String md = new MarkdownExporter().export(Fixtures.document());
        assertThat(md).startsWith("## Page 1\n\n").contains("Invoice \\<No.\\>").contains("Total & due")
                .contains("| Key | Value |\n|---|---|\n| PO number | 4711 |\n| Invoice \\<No.\\> | Total & due |\n")
                .contains("## Page 3");
    }

    private static org.w3c.dom.Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
