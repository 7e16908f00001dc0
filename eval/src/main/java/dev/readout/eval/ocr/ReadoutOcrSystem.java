package dev.readout.eval.ocr;

import dev.readout.core.Pipeline;
import dev.readout.core.model.Document;
import dev.readout.core.model.Page;
import dev.readout.core.model.Word;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.PageSelection;
import java.util.ArrayList;
import java.util.List;

/**
 * Readout's own OCR path: the {@link Pipeline} (ingest with its scan clean-up, then Tesseract) on each image.
 * Boxes of a page that was turned or deskewed are mapped back to the source image with {@link PageGeometry}.
 */
public final class ReadoutOcrSystem implements OcrSystem {
    private final Pipeline pipeline;
    private final IngestOptions options;
    private final String name;

    public ReadoutOcrSystem(String name, Pipeline pipeline, IngestOptions options) {
        this.name = name;
        this.pipeline = pipeline;
        this.options = options;
    }

    /** Ingest as {@code readout extract} runs it, without the later page stages (OCR quality is about ingest). */
    public static ReadoutOcrSystem discover(int workers, IngestOptions options) {
        return new ReadoutOcrSystem("readout", Pipeline.discover(workers, stage -> false), options);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Recognition recognize(FunsdPage page) {
        Document doc = pipeline.process(page.image(), page.id(), options, PageSelection.ALL, null);
        if (doc.pages().isEmpty()) {
            throw new IllegalStateException(doc.errors().isEmpty() ? "no page" : doc.errors().get(0).message());
        }
        return fromPage(doc.pages().get(0));
    }

    /** The words of a page with their boxes in source-image pixels. */
    public static Recognition fromPage(Page p) {
        boolean corrected = p.rotation() % 360 != 0 || p.skew() != 0;
        List<TextBox> out = new ArrayList<>();
        for (Word w : p.words()) {
            if (w.text().isBlank()) {
                continue;
            }
            out.add(new TextBox(w.text(), corrected ? PageGeometry.toSource(w.box(), p.rotation(), p.skew(), p.width(), p.height()) : w.box()));
        }
        return new Recognition(out, corrected);
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
