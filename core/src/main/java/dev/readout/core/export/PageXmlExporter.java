package dev.readout.core.export;

import static dev.readout.core.export.Xml.esc;
import static dev.readout.core.export.Xml.r;

import dev.readout.core.model.Box;
import dev.readout.core.model.Document;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Word;
import java.time.Instant;
import java.util.List;

/**
 * PAGE-XML (PRImA PAGE 2019-07-15), one {@code PcGts} per page image: TextRegion → TextLine → Word with
 * {@code Coords} polygons in page-image pixels and {@code TextEquiv} (word confidence as {@code conf}), and a
 * {@code ReadingOrder} listing the regions in reading order. A multi-page document gives one {@code PcGts} per page
 * wrapped in a {@code <pages>} element, since the format describes one image per file.
 */
public final class PageXmlExporter {
    private static final String NS = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15";

    public String export(Document doc) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        boolean many = doc.pages().size() != 1;
        if (many) {
            sb.append("<pages>\n");
        }
        String name = doc.source() == null ? "" : String.valueOf(doc.source().name());
        for (Page p : doc.pages()) {
            page(sb, p, name);
        }
        if (many) {
            sb.append("</pages>\n");
        }
        return sb.toString();
    }

    private static void page(StringBuilder sb, Page p, String name) {
        PageView v = new PageView(p);
        List<HocrExporter.Group> groups = HocrExporter.groups(v);
        sb.append("<PcGts xmlns=\"").append(NS).append("\">\n <Metadata><Creator>Readout</Creator><Created>")
          .append(Instant.EPOCH).append("</Created><LastChange>").append(Instant.EPOCH).append("</LastChange></Metadata>\n")
          .append(" <Page imageFilename=\"").append(esc(name)).append("#page=").append(p.number())
          .append("\" imageWidth=\"").append(p.width()).append("\" imageHeight=\"").append(p.height()).append("\">\n");
        if (!groups.isEmpty()) {
            sb.append("  <ReadingOrder><OrderedGroup id=\"ro_p").append(p.number()).append("\">");
            for (int i = 0; i < groups.size(); i++) {
                sb.append("<RegionRefIndexed index=\"").append(i).append("\" regionRef=\"").append(esc(groups.get(i).id()))
                  .append("\"/>");
            }
            sb.append("</OrderedGroup></ReadingOrder>\n");
        }
        for (HocrExporter.Group g : groups) {
            sb.append("  <TextRegion id=\"").append(esc(g.id())).append("\" type=\"paragraph\">")
              .append(coords(g.box())).append('\n');
            StringBuilder regionText = new StringBuilder();
            for (Line l : g.lines()) {
                sb.append("   <TextLine id=\"").append(esc(l.id())).append("\">").append(coords(l.box())).append('\n');
                for (Word w : v.words(l)) {
                    sb.append("    <Word id=\"").append(esc(w.id())).append("\">").append(coords(w.box()))
                      .append("<TextEquiv conf=\"").append(String.format(java.util.Locale.ROOT, "%.2f", w.confidence()))
                      .append("\"><Unicode>").append(esc(w.text())).append("</Unicode></TextEquiv></Word>\n");
                }
                String text = v.text(l);
                sb.append("    <TextEquiv><Unicode>").append(esc(text)).append("</Unicode></TextEquiv>\n   </TextLine>\n");
                regionText.append(regionText.isEmpty() ? "" : "\n").append(text);
            }
            sb.append("   <TextEquiv><Unicode>").append(esc(regionText.toString())).append("</Unicode></TextEquiv>\n")
              .append("  </TextRegion>\n");
        }
        sb.append(" </Page>\n</PcGts>\n");
    }

    private static String coords(Box b) {
        long x0 = r(b.x0());
        long y0 = r(b.y0());
        long x1 = r(b.x1());
        long y1 = r(b.y1());
        return "<Coords points=\"" + x0 + "," + y0 + " " + x1 + "," + y0 + " " + x1 + "," + y1 + " " + x0 + "," + y1 + "\"/>";
    }
}
