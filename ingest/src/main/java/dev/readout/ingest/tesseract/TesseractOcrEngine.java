package dev.readout.ingest.tesseract;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.readout.core.error.EngineUnavailableException;
import dev.readout.core.model.Box;
import dev.readout.core.stage.OcrEngine;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessPageIterator;
import net.sourceforge.tess4j.ITessAPI.TessPageIteratorLevel;
import net.sourceforge.tess4j.ITessAPI.TessResultIterator;
import net.sourceforge.tess4j.TessAPI;

/**
 * Tesseract through its C API (Tess4J's lazily bound JNA interface {@link TessAPI}; the direct mapping
 * {@code TessAPI1} binds every function at load and fails on libtesseract 5.3, which lacks some of them). Images are handed over as raw
 * 8-bit gray bytes, so Tess4J's Leptonica wrapper is never loaded (it does not match Debian 12's Leptonica).
 * Thread-safe: native handles are pooled per language set, each used by one thread at a time.
 * Owns its handles: {@link #close()} frees them.
 */
public final class TesseractOcrEngine implements OcrEngine, AutoCloseable {
    /** Default location of Debian's tessdata. */
    public static final Path DEBIAN_TESSDATA = Path.of("/usr/share/tesseract-ocr/5/tessdata");

    private final Path tessdata;
    private final Map<String, ConcurrentLinkedQueue<TessBaseAPI>> pools = new ConcurrentHashMap<>();
    private volatile String version;

    private static TessAPI api() {
        return Holder.API;
    }

    private static final class Holder {
        static final TessAPI API = TessAPI.INSTANCE;
    }

    public TesseractOcrEngine(Path tessdata) {
        this.tessdata = tessdata;
    }

    /** Uses {@code $TESSDATA_PREFIX} when set, else Debian's location. */
    public static TesseractOcrEngine systemDefault() {
        String env = System.getenv("TESSDATA_PREFIX");
        return new TesseractOcrEngine(env != null && !env.isBlank() ? Path.of(env) : DEBIAN_TESSDATA);
    }

    public Path tessdata() {
        return tessdata;
    }

    /** The start of every {@link #name()}: the source recorded on this engine's words. */
    public static final String NAME_PREFIX = "tesseract-";

    @Override
    public String name() {
        return NAME_PREFIX + version();
    }

    /** The libtesseract version, e.g. {@code 5.3.0}. */
    public String version() {
        if (version == null) {
            try {
                version = api().TessVersion();
            } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
                throw new EngineUnavailableException("Tesseract library (libtesseract) not found: install it with"
                        + " 'apt-get install tesseract-ocr' (" + e.getMessage() + ")", e);
            }
        }
        return version;
    }

    @Override
    public void checkAvailable(List<String> languages) {
        version();
        for (String lang : languages) {
            if (!Files.isRegularFile(tessdata.resolve(lang + ".traineddata"))) {
                String pkg = lang.startsWith("script/") ? "tesseract-ocr-script-" + lang.substring(7).toLowerCase()
                        : "tesseract-ocr-" + lang.toLowerCase().replace('_', '-');
                throw new EngineUnavailableException("Tesseract language data '" + lang + "' not found in " + tessdata
                        + ": install it with 'apt-get install " + pkg + "' or set TESSDATA_PREFIX");
            }
        }
    }

    @Override
    public OcrResult recognize(BufferedImage gray, List<String> languages, int dpi) {
        String key = String.join("+", languages);
        TessBaseAPI h = borrow(key);
        try {
            setImage(h, gray, dpi);
            if (api().TessBaseAPIRecognize(h, null) != 0) {
                throw new IllegalStateException("Tesseract failed to recognise the page");
            }
            return collect(h);
        } finally {
            api().TessBaseAPIClear(h);
            pools.get(key).add(h);
        }
    }

    /**
     * Reads the given areas of the image, each as one uniform block of text (page segmentation mode 6), for text that
     * the page's layout analysis (mode 3) left out. Boxes are in pixels of the whole image.
     */
    public List<OcrResult> recognizeBlocks(BufferedImage gray, List<String> languages, int dpi, List<Box> areas) {
        return recognizeAreas(gray, languages, dpi, areas, 6); // PSM_SINGLE_BLOCK
    }

    /** Reads the whole image as one line of text (page segmentation mode 7): a display line cut out and scaled down. */
    public OcrResult recognizeLine(BufferedImage gray, List<String> languages, int dpi) {
        return recognizeAreas(gray, languages, dpi, List.of(new Box(0, 0, gray.getWidth(), gray.getHeight())), 7).get(0);
    }

    private List<OcrResult> recognizeAreas(BufferedImage gray, List<String> languages, int dpi, List<Box> areas, int psm) {
        String key = String.join("+", languages);
        TessBaseAPI h = borrow(key);
        List<OcrResult> out = new ArrayList<>();
        try {
            setImage(h, gray, dpi);
            api().TessBaseAPISetPageSegMode(h, psm);
            for (Box a : areas) {
                int x = (int) Math.max(0, Math.floor(a.x0()));
                int y = (int) Math.max(0, Math.floor(a.y0()));
                int w = (int) Math.min(gray.getWidth() - x, Math.ceil(a.width()));
                int hh = (int) Math.min(gray.getHeight() - y, Math.ceil(a.height()));
                if (w <= 0 || hh <= 0) {
                    out.add(new OcrResult(List.of()));
                    continue;
                }
                api().TessBaseAPISetRectangle(h, x, y, w, hh);
                if (api().TessBaseAPIRecognize(h, null) != 0) {
                    throw new IllegalStateException("Tesseract failed to recognise an area of the page");
                }
                out.add(collect(h));
            }
            return out;
        } finally {
            api().TessBaseAPISetPageSegMode(h, 3);
            api().TessBaseAPIClear(h);
            pools.get(key).add(h);
        }
    }

    /**
     * Orientation and script detection (Tesseract OSD, needs {@code osd.traineddata}).
     *
     * @return clockwise degrees (0, 90, 180, 270) to rotate the image to make it upright, with the
     *     confidence; null when OSD is not installed or finds too little text
     */
    public Orientation detectOrientation(BufferedImage gray, int dpi) {
        if (!Files.isRegularFile(tessdata.resolve("osd.traineddata"))) {
            return null;
        }
        TessBaseAPI h = borrow("osd");
        try {
            setImage(h, gray, dpi);
            IntBuffer deg = IntBuffer.allocate(1);
            FloatBuffer degConf = FloatBuffer.allocate(1);
            PointerByReference script = new PointerByReference();
            FloatBuffer scriptConf = FloatBuffer.allocate(1);
            int ok = api().TessBaseAPIDetectOrientationScript(h, deg, degConf, script, scriptConf);
            if (ok == 0) {
                return null;
            }
            return new Orientation((360 - deg.get(0)) % 360, degConf.get(0));
        } finally {
            api().TessBaseAPIClear(h);
            pools.get("osd").add(h);
        }
    }

    /** @param rotateClockwise degrees to rotate clockwise to make the page upright */
    public record Orientation(int rotateClockwise, double confidence) {
    }

    private static void setImage(TessBaseAPI h, BufferedImage gray, int dpi) {
        if (gray.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            throw new IllegalArgumentException("Tesseract input must be TYPE_BYTE_GRAY");
        }
        int w = gray.getWidth();
        int hgt = gray.getHeight();
        byte[] px = (byte[]) gray.getRaster().getDataElements(0, 0, w, hgt, null);
        ByteBuffer buf = ByteBuffer.allocateDirect(w * hgt);
        buf.put(px);
        buf.flip();
        api().TessBaseAPISetImage(h, buf, w, hgt, 1, w);
        api().TessBaseAPISetSourceResolution(h, dpi);
    }

    private TessBaseAPI borrow(String languages) {
        TessBaseAPI h = pools.computeIfAbsent(languages, k -> new ConcurrentLinkedQueue<>()).poll();
        if (h != null) {
            return h;
        }
        if (!languages.equals("osd")) {
            checkAvailable(List.of(languages.split("\\+")));
        } else {
            version();
        }
        h = api().TessBaseAPICreate();
        int oem = languages.equals("osd") ? 0 : 1; // OSD needs the legacy engine; recognition uses LSTM
        if (api().TessBaseAPIInit2(h, tessdata.toString(), languages, oem) != 0) {
            api().TessBaseAPIDelete(h);
            throw new EngineUnavailableException("Tesseract could not load '" + languages + "' from " + tessdata);
        }
        if (!languages.equals("osd")) {
            api().TessBaseAPISetPageSegMode(h, 3); // PSM_AUTO: layout analysis without OSD
        }
        api().TessBaseAPISetVariable(h, "debug_file", "/dev/null");
        return h;
    }

    private static OcrResult collect(TessBaseAPI h) {
        TessResultIterator ri = api().TessBaseAPIGetIterator(h);
        List<OcrBlock> blocks = new ArrayList<>();
        if (ri == null) {
            return new OcrResult(blocks);
        }
        try {
            TessPageIterator pi = api().TessResultIteratorGetPageIterator(ri);
            List<OcrLine> lines = new ArrayList<>();
            List<OcrWord> words = new ArrayList<>();
            Box blockBox = null;
            Box lineBox = null;
            double lineConf = 0;
            do {
                if (api().TessPageIteratorIsAtBeginningOf(pi, TessPageIteratorLevel.RIL_BLOCK) != 0) {
                    flushLine(lines, words, lineBox, lineConf);
                    words = new ArrayList<>();
                    flushBlock(blocks, lines, blockBox);
                    lines = new ArrayList<>();
                    blockBox = box(pi, TessPageIteratorLevel.RIL_BLOCK);
                }
                if (api().TessPageIteratorIsAtBeginningOf(pi, TessPageIteratorLevel.RIL_TEXTLINE) != 0) {
                    flushLine(lines, words, lineBox, lineConf);
                    words = new ArrayList<>();
                    lineBox = box(pi, TessPageIteratorLevel.RIL_TEXTLINE);
                    lineConf = api().TessResultIteratorConfidence(ri, TessPageIteratorLevel.RIL_TEXTLINE) / 100.0;
                }
                Pointer p = api().TessResultIteratorGetUTF8Text(ri, TessPageIteratorLevel.RIL_WORD);
                if (p == null) {
                    continue;
                }
                String text = p.getString(0, "UTF-8").strip();
                api().TessDeleteText(p);
                Box wb = box(pi, TessPageIteratorLevel.RIL_WORD);
                if (!text.isEmpty() && wb != null) {
                    double conf = api().TessResultIteratorConfidence(ri, TessPageIteratorLevel.RIL_WORD) / 100.0;
                    words.add(new OcrWord(text, wb, Math.max(0, Math.min(1, conf))));
                }
            } while (api().TessResultIteratorNext(ri, TessPageIteratorLevel.RIL_WORD) != 0);
            flushLine(lines, words, lineBox, lineConf);
            flushBlock(blocks, lines, blockBox);
        } finally {
            api().TessResultIteratorDelete(ri);
        }
        return new OcrResult(blocks);
    }

    private static void flushLine(List<OcrLine> lines, List<OcrWord> words, Box box, double conf) {
        if (!words.isEmpty()) {
            Box b = box != null ? box : Box.unionOf(words.stream().map(OcrWord::box).toList());
            lines.add(new OcrLine(b, Math.max(0, Math.min(1, conf)), words));
        }
    }

    private static void flushBlock(List<OcrBlock> blocks, List<OcrLine> lines, Box box) {
        if (!lines.isEmpty()) {
            Box b = box != null ? box : Box.unionOf(lines.stream().map(OcrLine::box).toList());
            blocks.add(new OcrBlock(b, lines));
        }
    }

    private static Box box(TessPageIterator pi, int level) {
        IntBuffer l = IntBuffer.allocate(1);
        IntBuffer t = IntBuffer.allocate(1);
        IntBuffer r = IntBuffer.allocate(1);
        IntBuffer b = IntBuffer.allocate(1);
        if (api().TessPageIteratorBoundingBox(pi, level, l, t, r, b) == 0) {
            return null;
        }
        return new Box(l.get(0), t.get(0), Math.max(l.get(0), r.get(0)), Math.max(t.get(0), b.get(0)));
    }

    @Override
    public void close() {
        for (ConcurrentLinkedQueue<TessBaseAPI> q : pools.values()) {
            TessBaseAPI h;
            while ((h = q.poll()) != null) {
                api().TessBaseAPIEnd(h);
                api().TessBaseAPIDelete(h);
            }
        }
    }
}
