package dev.readout.cli.synth;

import dev.readout.cli.synth.SynthPage.GenLine;
import dev.readout.cli.synth.SynthPage.Mark;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/** Renders a {@link SynthPage} as a one-page born-digital PDF (each word its own text object). */
final class SynthPdf {
    private SynthPdf() {
    }

    static void write(SynthPage p, Path file) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(p.width(), p.height()));
            doc.addPage(page);
            float h = p.height();
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                for (Mark m : p.marks()) {
                    if (m.filled()) {
                        cs.setNonStrokingColor(0.82f, 0.82f, 0.82f);
                        cs.addRect(m.x0(), h - m.y1(), m.x1() - m.x0(), m.y1() - m.y0());
                        cs.fill();
                        cs.setNonStrokingColor(0f, 0f, 0f);
                    } else {
                        cs.setLineWidth(0.6f);
                        if (m.y1() - m.y0() < 0.01f) {
                            cs.moveTo(m.x0(), h - m.y0());
                            cs.lineTo(m.x1(), h - m.y0());
                        } else {
                            cs.addRect(m.x0(), h - m.y1(), m.x1() - m.x0(), m.y1() - m.y0());
                        }
                        cs.stroke();
                    }
                }
                for (GenLine l : p.lines()) {
                    for (int i = 0; i < l.words().size(); i++) {
                        cs.beginText();
                        cs.setFont(Fonts.get(l.family(), l.style()), l.size());
                        cs.newLineAtOffset(l.xs()[i], h - l.baseline());
                        cs.showText(l.words().get(i));
                        cs.endText();
                    }
                }
            }
            doc.save(file.toFile());
        }
    }
}
