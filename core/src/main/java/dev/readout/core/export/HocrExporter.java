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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * hOCR 1.2 (XHTML): {@code ocr_page} → {@code ocr_carea} (regions) → {@code ocr_line} → {@code ocrx_word},
 * with {@code bbox} in page-image pixels and {@code x_wconf} 0–100. Lines follow the reading order; separator regions
 * (printed rules) follow the text as empty {@code ocr_separator} elements.
 */
public final class HocrExporter {

    public String export(Document doc) {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
          .append("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n")
          .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n<head>\n")
          .append("<title>").append(esc(doc.source() == null ? "" : String.valueOf(doc.source().name()))).append("</title>\n")
          .append("<meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n")
          .append("<meta name=\"ocr-system\" content=\"readout\"/>\n")
          .append("<meta name=\"ocr-capabilities\" content=\"ocr_page ocr_carea ocr_line ocrx_word ocr_separator\"/>\n")
          .append("</head>\n<body>\n");
        for (Page p : doc.pages()) {
            page(sb, p);
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private void page(StringBuilder sb, Page p) {
        PageView v = new PageView(p);
        sb.append(" <div class=\"ocr_page\" id=\"page_").append(p.number()).append("\" title=\"bbox 0 0 ")
          .append(p.width()).append(' ').append(p.height()).append("; ppageno ").append(p.number() - 1)
          .append("; scan_res ").append(p.dpi()).append(' ').append(p.dpi()).append("\">\n");
        for (Group g : groups(v)) {
            sb.append("  <div class=\"ocr_carea\" id=\"").append(esc(g.id)).append("\" title=\"bbox ").append(bbox(g.box)).append("\">\n");
            for (Line l : g.lines) {
                sb.append("   <span class=\"ocr_line\" id=\"").append(esc(l.id())).append("\" title=\"bbox ").append(bbox(l.box())).append("\">");
                for (Word w : v.words(l)) {
                    sb.append("<span class=\"ocrx_word\" id=\"").append(esc(w.id())).append("\" title=\"bbox ").append(bbox(w.box()))
                      .append("; x_wconf ").append(Math.round(w.confidence() * 100)).append("\">").append(esc(w.text())).append("</span> ");
                }
                sb.append("</span>\n");
            }
            sb.append("  </div>\n");
        }
        for (Region sep : PageXmlExporter.separators(p)) {
            sb.append("  <div class=\"ocr_separator\" id=\"").append(esc(sep.id())).append("\" title=\"bbox ").append(bbox(sep.box()))
              .append("\"></div>\n");
        }
        sb.append(" </div>\n");
    }

    static String bbox(Box b) {
        return r(b.x0()) + " " + r(b.y0()) + " " + r(b.x1()) + " " + r(b.y1());
    }

    /** Consecutive runs of reading-ordered lines that share a region (or one group per line when there are none). */
    record Group(String id, Box box, List<Line> lines) {
    }

    static List<Group> groups(PageView v) {
        Map<String, String> regionOf = v.regionOfLine();
        Map<String, Region> regions = new LinkedHashMap<>();
        v.page().regions().forEach(r -> regions.put(r.id(), r));
        List<Group> out = new ArrayList<>();
        String current = null;
        List<Line> acc = new ArrayList<>();
        int n = 0;
        for (Line l : v.orderedLines()) {
            String rid = regionOf.getOrDefault(l.id(), "block-of-" + l.id());
            if (current != null && !rid.equals(current)) {
                out.add(group(current, acc, regions, ++n, v.page().number()));
                acc = new ArrayList<>();
            }
            current = rid;
            acc.add(l);
        }
        if (!acc.isEmpty()) {
            out.add(group(current, acc, regions, ++n, v.page().number()));
        }
        return out;
    }

    private static Group group(String rid, List<Line> lines, Map<String, Region> regions, int n, int page) {
        Region r = regions.remove(rid);
        String id = r != null ? r.id() : "p" + page + "-b" + n;
        Box box = Box.unionOf(lines.stream().map(Line::box).toList());
        return new Group(id, box, lines);
    }
}
