package dev.readout.eval.order;

import dev.readout.core.model.Box;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads PAGE-XML (any schema version) ground truth into {@link OrderedPage}s whose units are text lines.
 *
 * <p>Gold order: the regions in the order of {@code ReadingOrder}'s group ({@code RegionRefIndexed} /
 * nested {@code *GroupIndexed} children sorted by {@code index}, nested groups expanded in place); within a region,
 * its own {@code TextLine} children sorted by the Transkribus {@code custom="readingOrder {index:n;}"} attribute
 * (lines without one keep their document position, stable sort). Lines of regions the reading order does not
 * reference, and lines without usable {@code Coords}, are left out. A line's box is the bounding box of its
 * {@code Coords} polygon in image pixels; the page size is the {@code Page} element's {@code imageWidth} /
 * {@code imageHeight}.
 */
public final class PageXmlReader {
    private static final Pattern CUSTOM_INDEX = Pattern.compile("readingOrder\\s*\\{[^}]*index\\s*:\\s*(\\d+)");
    /** Nominal resolution recorded on the pages (PAGE-XML gives none that we use). */
    static final int DPI = 300;

    private PageXmlReader() {
    }

    /** All {@code *.xml} files under {@code dir} (recursively), in path order; the first {@code limit} if positive. */
    public static List<OrderedPage> readAll(Path dir, int limit) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase().endsWith(".xml"))
                    .sorted().toList();
        }
        if (limit > 0 && files.size() > limit) {
            files = files.subList(0, limit);
        }
        List<OrderedPage> out = new ArrayList<>();
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                out.add(read(dir.relativize(f).toString(), in));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(f + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    public static OrderedPage read(String name, InputStream in) throws IOException {
        GtPage gt = parse(name, in);
        List<GoldPages.Unit> units = new ArrayList<>();
        for (GtRegion r : gt.ordered()) {
            units.addAll(r.lines());
        }
        return GoldPages.build(name, gt.width(), gt.height(), DPI, units, gt.separators());
    }

    /** A ground-truth text region: its id, the bounding box of its Coords (null if none) and its lines in order. */
    public record GtRegion(String id, Box box, List<GoldPages.Unit> lines) {
    }

    /**
     * A ground-truth page: image file name and size, the text regions in reading order ({@code ordered}: those the
     * {@code ReadingOrder} references), all text regions in document order ({@code all}) and the bounding boxes of
     * the {@code SeparatorRegion}s (printed rules).
     */
    public record GtPage(String name, String imageFilename, int width, int height, List<GtRegion> ordered, List<GtRegion> all,
                         List<Box> separators) {
    }

    /** Parses a PAGE-XML page (lines of a region sorted by their custom readingOrder index, as in {@link #read}). */
    public static GtPage parse(String name, InputStream in) throws IOException {
        Document doc = parse(in);
        Element page = first(doc.getDocumentElement(), "Page");
        if (page == null) {
            throw new IllegalArgumentException("no Page element (not PAGE-XML?)");
        }
        int width = (int) Math.ceil(Double.parseDouble(page.getAttribute("imageWidth")));
        int height = (int) Math.ceil(Double.parseDouble(page.getAttribute("imageHeight")));
        Map<String, GtRegion> regions = new java.util.LinkedHashMap<>();
        NodeList all = page.getElementsByTagNameNS("*", "TextRegion");
        for (int i = 0; i < all.getLength(); i++) {
            Element r = (Element) all.item(i);
            List<Element> lines = new ArrayList<>(children(r).stream().filter(e -> local(e).equals("TextLine")).toList());
            lines.sort(Comparator.comparingInt(PageXmlReader::customIndexOrMax));
            List<GoldPages.Unit> units = new ArrayList<>();
            for (Element line : lines) {
                GoldPages.Unit u = unit(line);
                if (u != null) {
                    units.add(u);
                }
            }
            GoldPages.Unit own = unit(r);
            regions.put(r.getAttribute("id"), new GtRegion(r.getAttribute("id"), own == null ? null : own.box(), units));
        }
        List<String> regionOrder = new ArrayList<>();
        Element ro = first(page, "ReadingOrder");
        if (ro == null) {
            throw new IllegalArgumentException("no ReadingOrder element");
        }
        for (Element g : children(ro)) {
            walkGroup(g, regionOrder);
        }
        List<GtRegion> ordered = new ArrayList<>();
        for (String id : regionOrder) {
            GtRegion r = regions.get(id);
            if (r != null) {
                ordered.add(r);
            }
        }
        List<Box> separators = new ArrayList<>();
        NodeList seps = page.getElementsByTagNameNS("*", "SeparatorRegion");
        for (int i = 0; i < seps.getLength(); i++) {
            GoldPages.Unit u = unit((Element) seps.item(i));
            if (u != null) {
                separators.add(u.box());
            }
        }
        return new GtPage(name, page.getAttribute("imageFilename"), width, height, ordered, List.copyOf(regions.values()), separators);
    }

    private static void walkGroup(Element group, List<String> out) {
        String name = local(group);
        if (name.equals("RegionRefIndexed") || name.equals("RegionRef")) {
            out.add(group.getAttribute("regionRef"));
            return;
        }
        if (!name.contains("Group")) {
            return;
        }
        List<Element> kids = new ArrayList<>(children(group));
        kids.sort(Comparator.comparingInt(e -> e.hasAttribute("index") ? Integer.parseInt(e.getAttribute("index").trim()) : Integer.MAX_VALUE));
        if (!group.getAttribute("regionRef").isEmpty()) {
            out.add(group.getAttribute("regionRef"));
        }
        for (Element k : kids) {
            walkGroup(k, out);
        }
    }

    private static int customIndexOrMax(Element e) {
        Matcher m = CUSTOM_INDEX.matcher(e.getAttribute("custom"));
        return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    private static GoldPages.Unit unit(Element line) {
        Element coords = children(line).stream().filter(e -> local(e).equals("Coords")).findFirst().orElse(null);
        if (coords == null) {
            return null;
        }
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (String pt : coords.getAttribute("points").trim().split("\\s+")) {
            String[] xy = pt.split(",");
            if (xy.length != 2) {
                continue;
            }
            double x = Double.parseDouble(xy[0]);
            double y = Double.parseDouble(xy[1]);
            x0 = Math.min(x0, x);
            y0 = Math.min(y0, y);
            x1 = Math.max(x1, x);
            y1 = Math.max(y1, y);
        }
        if (!(x0 <= x1 && y0 <= y1)) {
            return null;
        }
        String text = "";
        for (Element te : children(line)) {
            if (local(te).equals("TextEquiv")) {
                Element u = children(te).stream().filter(e -> local(e).equals("Unicode")).findFirst().orElse(null);
                if (u != null) {
                    text = u.getTextContent();
                }
                break;
            }
        }
        return new GoldPages.Unit(text, GoldPages.box(x0, y0, x1, y1));
    }

    private static Document parse(InputStream in) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            return b.parse(in);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalArgumentException("bad XML: " + e.getMessage(), e);
        }
    }

    private static String local(Node n) {
        return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
    }

    private static Element first(Element root, String localName) {
        NodeList l = root.getElementsByTagNameNS("*", localName);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el) {
                out.add(el);
            }
        }
        return out;
    }
}
