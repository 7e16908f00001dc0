package dev.readout.cli.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readout.core.error.ReadoutException;
import dev.readout.core.export.HocrExporter;
import dev.readout.core.export.TextExporter;
import dev.readout.core.json.DocumentJson;
import dev.readout.core.model.Document;
import dev.readout.ingest.maps.MapImages;
import dev.readout.ingest.maps.MapOptions;
import dev.readout.ingest.maps.MapOutputs;
import dev.readout.ingest.maps.MapProfile;
import dev.readout.ingest.maps.MapTextReader;
import dev.readout.ingest.maps.PpOcrModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The map way through a batch ({@code --profile map}, or {@code auto} for images that look like maps, see
 * {@link MapProfile}): the image through {@link MapTextReader}, written as {@code NAME.map.json} (features: polygon in
 * pixels, text, score, phrase) always, and per requested format {@code NAME.json} (the document model: labels as
 * words, phrases as lines), {@code NAME.txt} (phrases), {@code NAME.alto.xml} (ALTO with each word's polygon),
 * {@code NAME.hocr.html}; {@code page-xml} and {@code pdf} are not written for maps. The PP-OCR model is loaded on
 * the first map and shared by all workers; {@link #close()} frees it.
 */
public final class MapJob implements AutoCloseable {
    private static final ObjectMapper OM = new ObjectMapper();

    private final String profile;
    private final MapOptions options;
    private PpOcrModel model;
    private MapTextReader reader;

    /** @param profile {@code map} (every input is a map) or {@code auto} (judged per image from its header) */
    public MapJob(String profile, MapOptions options) {
        if (!profile.equals("map") && !profile.equals("auto")) {
            throw new IllegalArgumentException("map profile must be map or auto: " + profile);
        }
        this.profile = profile;
        this.options = options;
    }

    /** Whether this file goes the map way. */
    boolean wants(Path file, BatchRunner.Config config) {
        if (profile.equals("map")) {
            return true;
        }
        int[] size = MapImages.headerSize(file, config.options().limits());
        return size != null && MapProfile.looksLikeMap(size[0], size[1]);
    }

    private synchronized MapTextReader reader() {
        if (reader == null) {
            model = PpOcrModel.discover(options.threads());
            reader = new MapTextReader(model, options);
        }
        return reader;
    }

    DocumentJob.Result process(BatchInputs.Item item, BatchInputs.Local local, BatchRunner.Config config) throws IOException {
        MapImages.Read r;
        try {
            r = MapImages.read(local.file(), item.name(), config.options().limits(), reader());
        } catch (ReadoutException e) {
            return new DocumentJob.Result(DocumentJob.Outcome.FAILED, DocumentJob.failure(item, local.sha256(), e.code(), e.getMessage()), 0);
        }
        Path out = config.out();
        String base = item.name();
        List<String> written = new ArrayList<>();
        written.add(write(out, base + ".map.json", MapOutputs.featuresJson(r.text(), r.source().name())));
        Document doc = MapOutputs.toDocument(r.text(), r.source(), r.dpi());
        for (String f : config.formats()) {
            switch (f) {
                case "json" -> written.add(write(out, base + ".json", DocumentJson.write(doc) + "\n"));
                case "text" -> written.add(write(out, base + ".txt", MapOutputs.text(r.text())));
                case "alto" -> written.add(write(out, base + ".alto.xml", MapOutputs.alto(r.text(), r.source(), r.dpi())));
                case "hocr" -> written.add(write(out, base + ".hocr.html", new HocrExporter().export(doc)));
                default -> { } // page-xml, pdf: not for maps (see the class comment)
            }
        }
        ObjectNode e = OM.createObjectNode();
        e.put("sha256", local.sha256());
        e.put("source", item.origin());
        e.put("name", item.name());
        e.put("status", "succeeded");
        e.put("profile", "map");
        e.put("pages", 1);
        ArrayNode outs = e.putArray("outputs");
        written.forEach(outs::add);
        e.putArray("errors");
        return new DocumentJob.Result(DocumentJob.Outcome.SUCCEEDED, e, 1);
    }

    private static String write(Path out, String rel, String content) throws IOException {
        AtomicFiles.write(out.resolve(rel), content.getBytes(StandardCharsets.UTF_8));
        return rel;
    }

    @Override
    public synchronized void close() {
        if (reader != null) {
            reader.close();
        }
        if (model != null) {
            model.close();
        }
    }
}
