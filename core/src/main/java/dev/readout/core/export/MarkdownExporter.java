package dev.readout.core.export;

import dev.readout.core.model.Document;
import dev.readout.core.model.Entity;
import dev.readout.core.model.FormField;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Relation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Markdown: per page of a multi-page document a {@code ## Page n} heading, then blocks in reading order as
 * paragraphs (the lines of a block kept apart by hard line breaks; a block made only of words the layout model
 * labelled {@code header} becomes a {@code ###} heading), then key → value pairs (form fields and layout-model links) as a two-column table.
 */
public final class MarkdownExporter {

    public String export(Document doc) {
        StringBuilder sb = new StringBuilder();
        for (Page p : doc.pages()) {
            if (doc.pages().size() > 1 || p.number() > 1) {
                sb.append("## Page ").append(p.number()).append("\n\n");
            }
            page(sb, p);
            pairs(sb, p, doc.formFields());
        }
        return sb.toString();
    }

    private static void page(StringBuilder sb, Page p) {
        PageView v = new PageView(p);
        Set<String> headerWords = new HashSet<>();
        for (Entity e : p.entities()) {
            if ("header".equalsIgnoreCase(e.label())) {
                headerWords.addAll(e.wordIds());
            }
        }
        for (HocrExporter.Group g : HocrExporter.groups(v)) {
            boolean heading = !headerWords.isEmpty() && g.lines().stream().allMatch(l -> headerWords.containsAll(l.wordIds()));
            StringBuilder para = new StringBuilder();
            for (Line l : g.lines()) {
                String line = escape(v.text(l).strip());
                if (!para.isEmpty() && !line.isEmpty()) {
                    para.append(heading ? " " : "  \n");
                }
                para.append(line);
            }
            if (!para.isEmpty()) {
                sb.append(heading ? "### " : "").append(para).append("\n\n");
            }
        }
    }

    private static void pairs(StringBuilder sb, Page p, List<FormField> fields) {
        PageView v = new PageView(p);
        Map<String, Entity> byId = new HashMap<>();
        p.entities().forEach(e -> byId.put(e.id(), e));
        StringBuilder rows = new StringBuilder();
        for (FormField f : fields) {
            if (f.page() == p.number()) {
                rows.append("| ").append(cell(f.key())).append(" | ").append(cell(f.value())).append(" |\n");
            }
        }
        for (Relation r : p.relations()) {
            Entity k = byId.get(r.from());
            Entity val = byId.get(r.to());
            if (k != null && val != null) {
                rows.append("| ").append(cell(v.text(k).replaceAll(":\\s*$", ""))).append(" | ").append(cell(v.text(val)))
                        .append(" |\n");
            }
        }
        if (!rows.isEmpty()) {
            sb.append("| Key | Value |\n|---|---|\n").append(rows).append('\n');
        }
    }

    private static String cell(String s) {
        return escape(s.replace('\n', ' ')).replace("|", "\\|");
    }

    /** Backslash-escapes characters that would start Markdown syntax. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\\`*_[]<>#".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
