package dev.readout.core.export;

import static dev.readout.core.export.Xml.esc;
import static dev.readout.core.export.Xml.r;

import dev.readout.core.model.Box;
import dev.readout.core.model.Document;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Region;
import dev.readout.core.model.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PAGE-XML (PRImA, schema 2019-07-15), one file per page: {@code ReadingOrder} (an {@code OrderedGroup} of the
 * regions in reading order), then {@code TextRegion → TextLine → Word}, each with rectangular {@code Coords} in
 * page-image pixels and {@code TextEquiv}. Lines also carry the Transkribus convention
 * {@code custom="readingOrder {index:n;}"} (their order within the region), as the NZZ ground truth does. Regions
 * are the page's own, or the blocks of lines between region changes in reading order when it has none. Separator
 * regions (printed rules) follow the text regions as {@code SeparatorRegion}s with their {@code Coords}; they are not
 * in the reading order.
 */
public final class PageXmlExporter {
    public static final String NS = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15";

    /** The PAGE-XML file of one page of {@code doc}; {@code imageFilename} names the page image it refers to. */
    public String export(Document doc, Page p, String imageFilename, String created) {
        PageView v = new PageView(p);
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
          .append("<PcGts xmlns=\"").append(NS).append("\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ")
          .append("xsi:schemaLocation=\"").append(NS).append(' ').append(NS).append("/pagecontent.xsd\">\n")
          .append(" <Metadata>\n  <Creator>Readout</Creator>\n  <Created>").append(esc(created)).append("</Created>\n")
          .append("  <LastChange>").append(esc(created)).append("</LastChange>\n");
        if (p.readingOrderSource() != null) {
            sb.append("  <Comments>reading order: ").append(esc(p.readingOrderSource())).append("</Comments>\n");
        }
        sb.append(" </Metadata>\n")
          .append(" <Page imageFilename=\"").append(esc(imageFilename)).append("\" imageWidth=\"").append(p.width())
          .append("\" imageHeight=\"").append(p.height()).append("\">\n");
        List<HocrExporter.Group> groups = HocrExporter.groups(v);
        List<String> ids = new ArrayList<>();
        for (HocrExporter.Group g : groups) {
            ids.add(g.id());
        }
        if (!groups.isEmpty()) {
            sb.append("  <ReadingOrder>\n   <OrderedGroup id=\"ro_p").append(p.number()).append("\" caption=\"Regions reading order\">\n");
            for (int i = 0; i < ids.size(); i++) {
                sb.append("    <RegionRefIndexed index=\"").append(i).append("\" regionRef=\"").append(esc(ids.get(i))).append("\"/>\n");
            }
            sb.append("   </OrderedGroup>\n  </ReadingOrder>\n");
        }
        for (HocrExporter.Group g : groups) {
            sb.append("  <TextRegion id=\"").append(esc(g.id())).append("\" type=\"paragraph\">\n   ").append(coords(g.box())).append('\n');
            List<String> regionText = new ArrayList<>();
            int k = 0;
            for (Line l : g.lines()) {
                sb.append("   <TextLine id=\"").append(esc(l.id())).append("\" custom=\"readingOrder {index:").append(k++).append(";}\">\n    ")
                  .append(coords(l.box())).append('\n');
                for (Word w : v.words(l)) {
                    sb.append("    <Word id=\"").append(esc(w.id())).append("\">").append(coords(w.box()))
                      .append("<TextEquiv conf=\"").append(String.format(Locale.ROOT, "%.2f", clamp(w.confidence())))
                      .append("\"><Unicode>").append(esc(w.text())).append("</Unicode></TextEquiv></Word>\n");
                }
                String text = v.text(l);
                regionText.add(text);
                sb.append("    <TextEquiv><Unicode>").append(esc(text)).append("</Unicode></TextEquiv>\n   </TextLine>\n");
            }
            sb.append("   <TextEquiv><Unicode>").append(esc(String.join("\n", regionText)))
              .append("</Unicode></TextEquiv>\n  </TextRegion>\n");
        }
        for (Region sep : separators(p)) {
            sb.append("  <SeparatorRegion id=\"").append(esc(sep.id())).append("\">").append(coords(sep.box())).append("</SeparatorRegion>\n");
        }
        sb.append(" </Page>\n</PcGts>\n");
        return sb.toString();
    }

    /** The page's separator regions (printed rules), in the page's order. */
    static List<Region> separators(Page p) {
        return p.regions().stream().filter(Region::isSeparator).toList();
    }

    private static double clamp(double c) {
        return Math.max(0, Math.min(1, c));
    }

    private static String coords(Box b) {
        long x0 = r(b.x0());
        long y0 = r(b.y0());
        long x1 = r(b.x1());
        long y1 = r(b.y1());
        return "<Coords points=\"" + x0 + "," + y0 + " " + x1 + "," + y0 + " " + x1 + "," + y1 + " " + x0 + "," + y1 + "\"/>";
    }
}
