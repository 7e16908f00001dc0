package dev.readout.core.export;

import dev.readout.core.model.Document;
import dev.readout.core.model.FormField;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import java.util.List;
import java.util.Map;

/**
 * Plain text: each page's lines in reading order, a blank line between regions, lines that continue the
 * same row (table cells, a key and its value) joined by a tab, pages separated by a
 * form feed (as pdftotext does). Filled form fields follow as {@code key: value} lines when asked for.
 */
public final class TextExporter {
    private final boolean includeFormFields;
    private final boolean includeKeyValues;

    /** Page text, then filled form fields when {@code includeFormFields}; no layout-model pairs. */
    public TextExporter(boolean includeFormFields) {
        this(includeFormFields, false);
    }

    /** As above, plus the key → value links a layout model found when {@code includeKeyValues}. */
    public TextExporter(boolean includeFormFields, boolean includeKeyValues) {
        this.includeFormFields = includeFormFields;
        this.includeKeyValues = includeKeyValues;
    }

    public String export(Document doc) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < doc.pages().size(); i++) {
            if (i > 0) {
                sb.append('\f');
            }
            sb.append(pageText(doc.pages().get(i)));
            if (includeFormFields) {
                appendFields(sb, doc.formFields(), doc.pages().get(i).number());
            }
            if (includeKeyValues) {
                appendPairs(sb, doc.pages().get(i));
            }
        }
        return sb.toString();
    }

    /** Text of one page, ending with a newline when not empty. */
    public static String pageText(Page page) {
        PageView view = new PageView(page);
        Map<String, String> regionOf = view.regionOfLine();
        StringBuilder sb = new StringBuilder();
        String lastRegion = null;
        Line last = null;
        for (Line line : view.orderedLines()) {
            String region = regionOf.get(line.id());
            if (last != null && sameRow(last, line) && java.util.Objects.equals(region, lastRegion)) {
                sb.setLength(sb.length() - 1);
                sb.append('\t');
            } else if (lastRegion != null && region != null && !region.equals(lastRegion)) {
                sb.append('\n');
            }
            sb.append(view.text(line)).append('\n');
            lastRegion = region;
            last = line;
        }
        return sb.toString();
    }

    /** The next line in reading order continues the same row (a table row, a key and its value). */
    private static boolean sameRow(Line a, Line b) {
        double ov = Math.min(a.box().y1(), b.box().y1()) - Math.max(a.box().y0(), b.box().y0());
        return b.box().x0() >= a.box().x1() && ov >= 0.5 * Math.min(a.box().height(), b.box().height());
    }

    /** Key → value pairs found by a layout model (relations between entities), as {@code key: value} lines. */
    private static void appendPairs(StringBuilder sb, Page page) {
        if (page.relations().isEmpty()) {
            return;
        }
        PageView view = new PageView(page);
        java.util.Map<String, dev.readout.core.model.Entity> byId = new java.util.HashMap<>();
        page.entities().forEach(e -> byId.put(e.id(), e));
        sb.append("\n[key-value pairs]\n");
        for (dev.readout.core.model.Relation r : page.relations()) {
            var k = byId.get(r.from());
            var v = byId.get(r.to());
            if (k != null && v != null) {
                sb.append(view.text(k).replaceAll(":\\s*$", "")).append(": ").append(view.text(v)).append('\n');
            }
        }
    }

    private static void appendFields(StringBuilder sb, List<FormField> fields, int page) {
        boolean first = true;
        for (FormField f : fields) {
            if (f.page() != page) {
                continue;
            }
            if (first) {
                sb.append("\n[form fields]\n");
                first = false;
            }
            sb.append(f.key()).append(": ").append(f.value().replace('\n', ' ')).append('\n');
        }
    }
}
