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
