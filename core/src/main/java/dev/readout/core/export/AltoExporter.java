package dev.readout.core.export;

import static dev.readout.core.export.Xml.esc;
import static dev.readout.core.export.Xml.r;

import dev.readout.core.model.Document;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Word;
import java.util.Map;

/**
 * ALTO 4.4 with pixel measurements: Page → PrintSpace → TextBlock → TextLine → String (+ SP between words).
 * Blocks and lines follow the reading order; {@code WC} is the word confidence 0–1. Separator regions (printed rules)
 * follow the text blocks as {@code GraphicalElement}s.
 * Words of any rotation (map labels) can carry their outline as {@code <Shape><Polygon POINTS="x,y x,y …"/></Shape>}
 * inside the {@code String}, beside the axis-aligned box ALTO requires.
 */
public final class AltoExporter {

    public String export(Document doc) {
        return export(doc, Map.of());
    }

    /**
     * @param wordPolygons word id → outline in page pixels {@code [x0, y0, x1, y1, …]}; words without one get no Shape
     */
    public String export(Document doc, Map<String, double[]> wordPolygons) {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
          .append("<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v4#\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ")
          .append("xsi:schemaLocation=\"http://www.loc.gov/standards/alto/ns-v4# http://www.loc.gov/standards/alto/v4/alto-4-4.xsd\">\n")
          .append(" <Description>\n  <MeasurementUnit>pixel</MeasurementUnit>\n  <sourceImageInformation><fileName>")
          .append(esc(doc.source() == null ? "" : String.valueOf(doc.source().name())))
          .append("</fileName></sourceImageInformation>\n  <OCRProcessing ID=\"OCR_0\"><ocrProcessingStep><processingSoftware><softwareName>Readout</softwareName></processingSoftware></ocrProcessingStep></OCRProcessing>\n")
          .append(" </Description>\n <Layout>\n");
        for (Page p : doc.pages()) {
            page(sb, p, wordPolygons);
        }
        sb.append(" </Layout>\n</alto>\n");
        return sb.toString();
    }

    private void page(StringBuilder sb, Page p, Map<String, double[]> polygons) {
        PageView v = new PageView(p);
        sb.append("  <Page ID=\"page_").append(p.number()).append("\" PHYSICAL_IMG_NR=\"").append(p.number())
          .append("\" WIDTH=\"").append(p.width()).append("\" HEIGHT=\"").append(p.height()).append("\">\n")
          .append("   <PrintSpace HPOS=\"0\" VPOS=\"0\" WIDTH=\"").append(p.width()).append("\" HEIGHT=\"").append(p.height()).append("\">\n");
        for (HocrExporter.Group g : HocrExporter.groups(v)) {
            sb.append("    <TextBlock ID=\"").append(esc(g.id())).append('"').append(pos(g.box())).append(">\n");
            for (Line l : g.lines()) {
                sb.append("     <TextLine ID=\"").append(esc(l.id())).append('"').append(pos(l.box())).append(">\n");
                boolean first = true;
                for (Word w : v.words(l)) {
                    if (!first) {
                        sb.append("      <SP/>\n");
                    }
                    first = false;
                    sb.append("      <String ID=\"").append(esc(w.id())).append('"').append(pos(w.box()))
                      .append(" CONTENT=\"").append(esc(w.text())).append("\" WC=\"")
                      .append(String.format(java.util.Locale.ROOT, "%.2f", w.confidence())).append('"');
                    double[] poly = polygons.get(w.id());
                    if (poly == null) {
                        sb.append("/>\n");
                    } else {
                        sb.append(">\n       <Shape><Polygon POINTS=\"").append(points(poly)).append("\"/></Shape>\n      </String>\n");
                    }
                }
                sb.append("     </TextLine>\n");
            }
            sb.append("    </TextBlock>\n");
        }
        for (dev.readout.core.model.Region sep : PageXmlExporter.separators(p)) {
            sb.append("    <GraphicalElement ID=\"").append(esc(sep.id())).append('"').append(pos(sep.box())).append("/>\n");
        }
        sb.append("   </PrintSpace>\n  </Page>\n");
    }

    private static String points(double[] poly) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < poly.length; i += 2) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(r(poly[i])).append(',').append(r(poly[i + 1]));
        }
        return sb.toString();
    }

    private static String pos(dev.readout.core.model.Box b) {
        return " HPOS=\"" + r(b.x0()) + "\" VPOS=\"" + r(b.y0()) + "\" WIDTH=\"" + r(b.width()) + "\" HEIGHT=\"" + r(b.height()) + "\"";
    }
}
