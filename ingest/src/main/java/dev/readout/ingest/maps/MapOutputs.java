package dev.readout.ingest.maps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readout.core.export.AltoExporter;
import dev.readout.core.model.Box;
import dev.readout.core.model.Document;
import dev.readout.core.model.DocumentStatus;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.SourceInfo;
import dev.readout.core.model.TextSource;
import dev.readout.core.model.Word;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The forms map text is written in: a GeoJSON-style feature collection in image pixels, the shared
 * {@link Document} model (labels as words with their bounding boxes, phrases as lines) and ALTO through the
 * shared {@link AltoExporter} with each word's rotated outline as a {@code Shape/Polygon}.
 */
public final class MapOutputs {
    /** The format name written in the feature collection. */
    public static final String FORMAT = "readout-map-text/1";
    public static final String SOURCE = "ppocr-v4";
    private static final ObjectMapper OM = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MapOutputs() {
    }

    /**
     * A GeoJSON FeatureCollection, one Polygon feature per label (closed ring tl, tr, br, bl, tl as the text reads)
     * in <b>image pixels, origin top-left, y down</b> (not negated as in the map_ocr_gt files), with properties
     * {@code text}, {@code score}, {@code detection_score}, {@code angle} (degrees counter-clockwise), {@code phrase}
     * (id) and {@code phrase_text}; plus {@code phrases[]} and the image size.
     */
    public static String featuresJson(MapText t, String imageName) {
        ObjectNode root = OM.createObjectNode();
        root.put("type", "FeatureCollection");
        root.put("format", FORMAT);
        root.put("coordinates", "image pixels, origin top-left, y down");
        ObjectNode img = root.putObject("image");
        img.put("name", imageName);
        img.put("width", t.widthPx());
        img.put("height", t.heightPx());
        Map<String, MapPhrase> phrases = new LinkedHashMap<>();
        t.phrases().forEach(p -> phrases.put(p.id(), p));
        ArrayNode features = root.putArray("features");
        for (MapLabel l : t.labels()) {
            ObjectNode f = features.addObject();
            f.put("type", "Feature");
            f.put("id", l.id());
            ObjectNode g = f.putObject("geometry");
            g.put("type", "Polygon");
            ArrayNode ring = g.putArray("coordinates").addArray();
            double[] p = l.polygon();
            for (int i = 0; i <= 4; i++) {
                int k = i % 4;
                ring.addArray().add(round(p[2 * k])).add(round(p[2 * k + 1]));
            }
            ObjectNode pr = f.putObject("properties");
            pr.put("text", l.text());
            pr.put("score", round4(l.score()));
            pr.put("detection_score", round4(l.detectionScore()));
            pr.put("angle", round(l.angleDeg()));
            pr.put("phrase", l.phraseId());
            MapPhrase ph = phrases.get(l.phraseId());
            pr.put("phrase_text", ph == null ? l.text() : ph.text());
        }
        ArrayNode ps = root.putArray("phrases");
        for (MapPhrase p : t.phrases()) {
            ObjectNode o = ps.addObject();
            o.put("id", p.id());
            o.put("text", p.text());
            ArrayNode ids = o.putArray("wordIds");
            p.labelIds().forEach(ids::add);
        }
        try {
            return OM.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One page: labels as words (bounding boxes), phrases as lines; confidence is the recognition score. */
    public static Document toDocument(MapText t, SourceInfo source, int dpi) {
        List<Word> words = new ArrayList<>();
        Map<String, Word> byId = new LinkedHashMap<>();
        for (MapLabel l : t.labels()) {
            Box b = clamp(l.box(), t);
            Word w = new Word(l.id(), l.text(), b, Math.max(0, Math.min(1, l.score())), SOURCE);
            words.add(w);
            byId.put(w.id(), w);
        }
        List<Line> lines = new ArrayList<>();
        for (MapPhrase p : t.phrases()) {
            Box b = Box.unionOf(p.labelIds().stream().map(id -> byId.get(id).box()).toList());
            double conf = p.labelIds().stream().mapToDouble(id -> byId.get(id).confidence()).min().orElse(0);
            lines.add(new Line(p.id(), b, p.labelIds(), conf, SOURCE));
        }
        Page page = new Page(1, t.widthPx(), t.heightPx(), dpi, TextSource.OCR, 0, 0, words, lines, List.of());
        return new Document(Document.SCHEMA_VERSION, source, DocumentStatus.SUCCEEDED, List.of(page), List.of(), List.of());
    }

    /** ALTO 4.4 of the map: phrases as TextLines, labels as Strings with their rotated outline. */
    public static String alto(MapText t, SourceInfo source, int dpi) {
        Map<String, double[]> polygons = new LinkedHashMap<>();
        t.labels().forEach(l -> polygons.put(l.id(), l.polygon()));
        return new AltoExporter().export(toDocument(t, source, dpi), polygons);
    }

    /** The phrases, one per line, in label order. */
    public static String text(MapText t) {
        StringBuilder sb = new StringBuilder();
        t.phrases().forEach(p -> sb.append(p.text()).append('\n'));
        return sb.toString();
    }

    private static Box clamp(Box b, MapText t) {
        return new Box(Math.max(0, b.x0()), Math.max(0, b.y0()), Math.min(t.widthPx(), Math.max(0, b.x1())),
                Math.min(t.heightPx(), Math.max(0, b.y1())));
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    private static double round4(double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }
}
