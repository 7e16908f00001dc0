package dev.readout.ingest.pdfbox;

import dev.readout.core.error.CorruptDocumentException;
import dev.readout.core.error.EncryptedDocumentException;
import dev.readout.core.error.LimitExceededException;
import dev.readout.core.error.ReadoutException;
import dev.readout.core.model.Box;
import dev.readout.core.model.FormField;
import dev.readout.core.model.Page;
import dev.readout.core.model.SourceInfo;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.OcrMode;
import dev.readout.core.stage.OpenedDocument;
import dev.readout.ingest.PageBuilder;
import dev.readout.ingest.ScanProcessor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDCheckBox;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDTerminalField;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A PDF opened with PDFBox. PDFBox documents are not thread-safe, so each worker thread borrows its own
 * {@link PDDocument} from a small pool (at most one per concurrent caller); pages are parsed lazily, so a
 * 500-page file streams page by page. Owns the pooled documents and closes them.
 */
public final class PdfDocument implements OpenedDocument {
    public static final String SOURCE = "pdfbox";

    private final Path file;
    private final IngestOptions options;
    private final ScanProcessor scans;
    private final SourceInfo source;
    private final List<FormField> formFields;
    private final ConcurrentLinkedQueue<PDDocument> idle = new ConcurrentLinkedQueue<>();
    private final List<PDDocument> all = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ThreadLocal<PdfWordStripper> strippers = ThreadLocal.withInitial(PdfWordStripper::new);

    public PdfDocument(Path file, String name, String sha256, long bytes, IngestOptions options, ScanProcessor scans) {
        this.file = file;
        this.options = options;
        this.scans = scans;
        checkNotTruncated(file, bytes);
        PDDocument first = load();
        int pages = first.getNumberOfPages();
        if (pages == 0) {
            close();
            throw new CorruptDocumentException("the PDF has no pages");
        }
        if (pages > options.limits().maxPages()) {
            close();
            throw new LimitExceededException("the PDF has " + pages + " pages, over the limit of "
                    + options.limits().maxPages() + " (raise --max-pages to allow it)");
        }
        this.source = new SourceInfo(name, "application/pdf", sha256, bytes, pages);
        try {
            this.formFields = FormFields.read(first, options.dpi(), this::wordsOf);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        idle.add(first);
    }

    private static void checkNotTruncated(Path file, long bytes) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            int n = (int) Math.min(bytes, 2048);
            byte[] tail = new byte[n];
            raf.seek(bytes - n);
            raf.readFully(tail);
            if (!new String(tail, StandardCharsets.ISO_8859_1).contains("%%EOF")) {
                throw new CorruptDocumentException("truncated PDF: the end-of-file marker (%%EOF) is missing");
            }
        } catch (IOException e) {
            throw new CorruptDocumentException("cannot read the PDF: " + e.getMessage(), e);
        }
    }

    private PDDocument load() {
        try {
            PDDocument d = Loader.loadPDF(new RandomAccessReadBufferedFile(file.toFile()), options.password(), null, null,
                    IOUtils.createTempFileOnlyStreamCache());
            all.add(d);
            return d;
        } catch (InvalidPasswordException e) {
            throw new EncryptedDocumentException(options.password() == null
                    ? "the PDF is encrypted: give its password with --password"
                    : "the PDF is encrypted and the password given is wrong");
        } catch (IOException e) {
            throw new CorruptDocumentException("unreadable PDF: " + oneLine(e.getMessage()), e);
        }
    }

    private static String oneLine(String s) {
        return s == null ? "damaged file" : s.replaceAll("\\s+", " ");
    }

    private PDDocument borrow() {
        PDDocument d = idle.poll();
        return d != null ? d : load();
    }

    @Override
    public SourceInfo source() {
        return source;
    }

    @Override
    public int pageCount() {
        return source.pageCount();
    }

    @Override
    public Page page(int number) {
        checkNumber(number);
        PDDocument d = borrow();
        try {
            PDPage p = d.getPage(number - 1);
            double scale = options.dpi() / 72.0;
            int[] size = pixelSize(p, scale);
            if (options.ocr() != OcrMode.ALWAYS) {
                List<PdfWordStripper.PdfWord> words = strippers.get().words(d, number);
                List<String> texts = words.stream().map(PdfWordStripper.PdfWord::text).toList();
                boolean usable = TextLayerCheck.usable(texts) && !(texts.size() < 5 && hasFullPageImage(p));
                if (options.ocr() == OcrMode.NEVER || usable) {
                    List<Box> boxes = words.stream().map(w -> clip(w.boxPt().scale(scale), size)).toList();
                    return PageBuilder.fromTextLayer(number, size[0], size[1], options.dpi(), texts, boxes, SOURCE);
                }
            }
            BufferedImage img = render(d, number, size);
            ScanProcessor.Scan s = scans.process(img, options.dpi(), options);
            return PageBuilder.fromScan(number, options.dpi(), s, scans.engineName(options), options.segmentation());
        } catch (IOException e) {
            throw new CorruptDocumentException("page " + number + " is unreadable: " + oneLine(e.getMessage()), e);
        } finally {
            idle.add(d);
        }
    }

    @Override
    public BufferedImage pageImage(int number) {
        checkNumber(number);
        PDDocument d = borrow();
        try {
            PDPage p = d.getPage(number - 1);
            return render(d, number, pixelSize(p, options.dpi() / 72.0));
        } finally {
            idle.add(d);
        }
    }

    /** As {@link #pageImage(int)}, turned and deskewed as recorded on {@code processed} when its page was OCR'd. */
    @Override
    public BufferedImage pageImage(Page processed) {
        BufferedImage img = pageImage(processed.number());
        return processed.rotation() == 0 && processed.skew() == 0 ? img
                : scans.correct(img, processed.rotation(), processed.skew());
    }

    private BufferedImage render(PDDocument d, int number, int[] size) {
        if ((long) size[0] * size[1] > options.limits().maxPixels()) {
            throw new LimitExceededException("page " + number + " would render at " + size[0] + "×" + size[1]
                    + " pixels, over the limit of " + options.limits().maxPixels() + " (lower --dpi or raise --max-pixels)");
        }
        try {
            return new PDFRenderer(d).renderImageWithDPI(number - 1, options.dpi(), ImageType.GRAY);
        } catch (IOException | RuntimeException e) {
            throw new ReadoutException("render-failed", "page " + number + " could not be rendered: " + oneLine(e.getMessage()), e);
        }
    }

    private List<PdfWordStripper.PdfWord> wordsOf(PDDocument d, int number) {
        try {
            return strippers.get().words(d, number);
        } catch (IOException e) {
            return List.of();
        }
    }

    private void checkNumber(int number) {
        if (number < 1 || number > pageCount()) {
            throw new IllegalArgumentException("page " + number + " does not exist (1.." + pageCount() + ")");
        }
    }

    /** Pixel size of the page as PDFBox renders it (truncating, rotation applied). */
    static int[] pixelSize(PDPage p, double scale) {
        PDRectangle cb = p.getCropBox();
        boolean swap = p.getRotation() % 180 != 0;
        double w = swap ? cb.getHeight() : cb.getWidth();
        double h = swap ? cb.getWidth() : cb.getHeight();
        return new int[] {(int) Math.max(Math.floor(w * scale), 1), (int) Math.max(Math.floor(h * scale), 1)};
    }

    private static Box clip(Box b, int[] size) {
        double x0 = Math.max(0, Math.min(size[0], b.x0()));
        double y0 = Math.max(0, Math.min(size[1], b.y0()));
        return new Box(x0, y0, Math.max(x0, Math.min(size[0], b.x1())), Math.max(y0, Math.min(size[1], b.y1())));
    }

    private static boolean hasFullPageImage(PDPage p) {
        try {
            PDResources res = p.getResources();
            if (res == null) {
                return false;
            }
            for (COSName n : res.getXObjectNames()) {
                if (res.getXObject(n) instanceof PDImageXObject img && img.getWidth() >= 1000 && img.getHeight() >= 1000) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    @Override
    public List<FormField> formFields() {
        return formFields;
    }

    @Override
    public void close() {
        for (PDDocument d : all) {
            try {
                d.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
        all.clear();
        idle.clear();
    }

    /** Filled AcroForm fields → key/value pairs with boxes. */
    static final class FormFields {
        interface WordSource {
            List<PdfWordStripper.PdfWord> words(PDDocument d, int page);
        }

        static List<FormField> read(PDDocument d, int dpi, WordSource words) {
            PDAcroForm form = d.getDocumentCatalog().getAcroForm(null);
            if (form == null) {
                return List.of();
            }
            double scale = dpi / 72.0;
            List<FormField> out = new ArrayList<>();
            java.util.Map<Integer, List<PdfWordStripper.PdfWord>> cache = new java.util.HashMap<>();
            for (PDField f : form.getFieldTree()) {
                if (!(f instanceof PDTerminalField tf)) {
                    continue;
                }
                String value = value(tf);
                if (value == null || value.isBlank()) {
                    continue;
                }
                for (PDAnnotationWidget w : tf.getWidgets()) {
                    int pageIndex = pageIndex(d, w);
                    PDRectangle r = w.getRectangle();
                    if (pageIndex < 0 || r == null) {
                        continue;
                    }
                    PDPage page = d.getPage(pageIndex);
                    PDRectangle cb = page.getCropBox();
                    Box valuePt = new Box(r.getLowerLeftX() - cb.getLowerLeftX(), cb.getUpperRightY() - r.getUpperRightY(),
                            r.getUpperRightX() - cb.getLowerLeftX(), cb.getUpperRightY() - r.getLowerLeftY());
                    List<PdfWordStripper.PdfWord> pw = cache.computeIfAbsent(pageIndex + 1, n -> words.words(d, n));
                    Label label = label(valuePt, pw);
                    String key = tf.getAlternateFieldName() != null && !tf.getAlternateFieldName().isBlank()
                            ? tf.getAlternateFieldName().strip()
                            : label != null ? label.text : tf.getFullyQualifiedName();
                    out.add(new FormField(key, value.strip(), pageIndex + 1, label == null ? null : label.boxPt.scale(scale),
                            valuePt.scale(scale), "pdf-acroform"));
                    break;
                }
            }
            return out;
        }

        private static String value(PDTerminalField f) {
            if (f instanceof PDCheckBox cb) {
                return cb.isChecked() ? "checked" : null;
            }
            String v = f.getValueAsString();
            return v == null || v.equals("Off") ? null : v;
        }

        private static int pageIndex(PDDocument d, PDAnnotationWidget w) {
            PDPage p = w.getPage();
            if (p != null) {
                int i = d.getPages().indexOf(p);
                if (i >= 0) {
                    return i;
                }
            }
            for (int i = 0; i < d.getNumberOfPages(); i++) {
                try {
                    for (var a : d.getPage(i).getAnnotations()) {
                        if (a.getCOSObject() == w.getCOSObject()) {
                            return i;
                        }
                    }
                } catch (IOException e) {
                    return -1;
                }
            }
            return -1;
        }

        record Label(String text, Box boxPt) {
        }

        /** The printed words on the same row just left of the widget (the field's label), if any. */
        private static Label label(Box widget, List<PdfWordStripper.PdfWord> words) {
            List<PdfWordStripper.PdfWord> row = new ArrayList<>();
            for (PdfWordStripper.PdfWord w : words) {
                Box b = w.boxPt();
                double ov = Math.min(b.y1(), widget.y1()) - Math.max(b.y0(), widget.y0());
                if (ov >= 0.5 * Math.min(b.height(), widget.height()) && b.x1() <= widget.x0() + 2) {
                    row.add(w);
                }
            }
            row.sort((a, b) -> Double.compare(b.boxPt().x1(), a.boxPt().x1()));
            List<PdfWordStripper.PdfWord> run = new ArrayList<>();
            double left = widget.x0();
            for (PdfWordStripper.PdfWord w : row) {
                double gap = left - w.boxPt().x1();
                if (gap > (run.isEmpty() ? 4 : 1.5) * w.boxPt().height()) {
                    break;
                }
                run.add(0, w);
                left = w.boxPt().x0();
            }
            if (run.isEmpty()) {
                return null;
            }
            String text = String.join(" ", run.stream().map(PdfWordStripper.PdfWord::text).toList()).replaceAll(":$", "").strip();
            return new Label(text, Box.unionOf(run.stream().map(PdfWordStripper.PdfWord::boxPt).toList()));
        }
    }
}
