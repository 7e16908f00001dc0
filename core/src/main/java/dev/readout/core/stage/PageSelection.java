package dev.readout.core.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Which pages to process, parsed from a spec such as {@code 1-3,7} (pages from 1). {@link #ALL} selects every page.
 */
public record PageSelection(String spec, List<int[]> ranges) {
    public static final PageSelection ALL = new PageSelection("all", List.of());

    public static PageSelection parse(String spec) {
        if (spec == null || spec.isBlank() || spec.equalsIgnoreCase("all")) {
            return ALL;
        }
        List<int[]> ranges = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-');
                int a = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                int b = dash < 0 ? a : (p.substring(dash + 1).isBlank() ? Integer.MAX_VALUE : Integer.parseInt(p.substring(dash + 1).trim()));
                if (a < 1 || b < a) {
                    throw new IllegalArgumentException("bad page range '" + p + "' in '" + spec + "': pages start at 1");
                }
                ranges.add(new int[] {a, b});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad page range '" + p + "' in '" + spec + "': use e.g. 1-3,7");
            }
        }
        return new PageSelection(spec, List.copyOf(ranges));
    }

    /** The selected page numbers that exist in a document of {@code pageCount} pages, ascending. */
    public List<Integer> resolve(int pageCount) {
        TreeSet<Integer> out = new TreeSet<>();
        if (ranges.isEmpty()) {
            for (int i = 1; i <= pageCount; i++) {
                out.add(i);
            }
        }
        for (int[] r : ranges) {
            for (int i = r[0]; i <= Math.min(r[1], pageCount); i++) {
                out.add(i);
            }
        }
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PageSelection s && s.spec.equals(spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }
}
