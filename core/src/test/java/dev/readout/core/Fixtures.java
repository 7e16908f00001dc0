package dev.readout.core;

import dev.readout.core.model.Box;
import dev.readout.core.model.Document;
import dev.readout.core.model.DocumentStatus;
import dev.readout.core.model.Entity;
import dev.readout.core.model.Relation;
import dev.readout.core.model.FormField;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.PageError;
import dev.readout.core.model.Region;
import dev.readout.core.model.SourceInfo;
import dev.readout.core.model.TextSource;
import dev.readout.core.model.Word;
import java.util.List;

/** A small document with every kind of element, for model and exporter tests. */
final class Fixtures {
    private Fixtures() {
    }

    static Document document() {
        List<Word> words = List.of(
                new Word("p1-w1", "Invoice", new Box(100, 100, 260, 130), 1.0, "pdfbox"),
                new Word("p1-w2", "<No.>", new Box(270, 100, 330, 130), 0.9567, "pdfbox"),
                new Word("p1-w3", "Total & due", new Box(100, 200, 200.25, 230.5), 0.5, "tesseract-5.3.0"));
        List<Line> lines = List.of(
                new Line("p1-l1", new Box(100, 100, 330, 130), List.of("p1-w1", "p1-w2"), 1.0, "readout-lines"),
                new Line("p1-l2", new Box(100, 200, 200.25, 230.5), List.of("p1-w3"), 0.5, "tesseract-5.3.0"));
        List<Region> regions = List.of(
                new Region("p1-r1", "text", new Box(100, 100, 330, 130), List.of("p1-l1"), 1, "xycut"),
                new Region("p1-r2", "text", new Box(100, 200, 200.25, 230.5), List.of("p1-l2"), 1, "xycut"));
        Page p1 = new Page(1, 2480, 3508, 300, TextSource.TEXT_LAYER, 0, 0, words, lines, regions,
                List.of("p1-l1", "p1-l2"), "xycut",
                List.of(new Entity("p1-e1", "question", List.of("p1-w1", "p1-w2"), new Box(100, 100, 330, 130), 0.91, "layout-test"),
                        new Entity("p1-e2", "answer", List.of("p1-w3"), new Box(100, 200, 200.25, 230.5), 0.8, "layout-test")),
                List.of(new Relation("p1-e1", "p1-e2", "key-value", 0.77, "layout-test")));
        Page p3 = new Page(3, 1700, 2200, 200, TextSource.NONE, 90, -3.5, List.of(), List.of(), List.of());
        return new Document(Document.SCHEMA_VERSION, new SourceInfo("inv.pdf", "application/pdf", "ab12", 1234, 3),
                DocumentStatus.PARTIAL, List.of(p1, p3),
                List.of(new FormField("PO number", "4711", 1, new Box(10, 10, 50, 20), new Box(60, 10, 120, 20), "pdf-acroform")),
                List.of(new PageError(2, "render-failed", "page 2 could not be rendered")));
    }
}
