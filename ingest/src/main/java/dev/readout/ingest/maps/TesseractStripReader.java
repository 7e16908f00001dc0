package dev.readout.ingest.maps;

import dev.readout.core.stage.OcrEngine;
import dev.readout.ingest.opencv.OpenCvPreprocessor;
import dev.readout.ingest.tesseract.TesseractOcrEngine;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Tesseract (LSTM, {@code eng}) as the strip reader, for comparison with the PP-OCRv4 recogniser: each strip scaled
 * to {@value #HEIGHT} px high, padded by {@value #PAD} px of its own edge pixels, read with automatic page
 * segmentation; the words' boxes become evenly spaced glyph positions so that the same word splitting applies.
 * Borrows the engine (the caller closes it).
 */
final class TesseractStripReader implements StripReader {
    static final int HEIGHT = 48;
    static final int PAD = 16;

    private final TesseractOcrEngine engine;

    TesseractStripReader(TesseractOcrEngine engine) {
        this.engine = engine;
        OpenCvPreprocessor.load();
    }

    @Override
    public List<CtcTextRecognizer.Reading> read(List<BufferedImage> strips) {
        List<CtcTextRecognizer.Reading> out = new ArrayList<>();
        for (BufferedImage s : strips) {
            out.add(readOne(s));
        }
        return out;
    }

    private CtcTextRecognizer.Reading readOne(BufferedImage strip) {
        double f = (double) HEIGHT / Math.max(1, strip.getHeight());
        int w = Math.max(1, (int) Math.round(strip.getWidth() * f));
        Mat src = OpenCvPreprocessor.toMat(strip);
        Mat scaled = new Mat();
        Mat padded = new Mat();
        BufferedImage img;
        try {
            Imgproc.resize(src, scaled, new Size(w, HEIGHT), 0, 0, Imgproc.INTER_CUBIC);
            Core.copyMakeBorder(scaled, padded, PAD, PAD, PAD, PAD, Core.BORDER_REPLICATE);
            img = OpenCvPreprocessor.toImage(padded);
        } finally {
            src.release();
            scaled.release();
            padded.release();
        }
        OcrEngine.OcrResult r = engine.recognize(img, List.of("eng"), 300);
        List<CtcTextRecognizer.Glyph> glyphs = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        double sum = 0;
        int n = 0;
        for (OcrEngine.OcrBlock b : r.blocks()) {
            for (OcrEngine.OcrLine l : b.lines()) {
                for (OcrEngine.OcrWord word : l.words()) {
                    if (!glyphs.isEmpty()) {
                        glyphs.add(new CtcTextRecognizer.Glyph(" ", 0, word.confidence()));
                        text.append(' ');
                    }
                    int len = word.text().length();
                    double x0 = (word.box().x0() - PAD) / f;
                    double x1 = (word.box().x1() - PAD) / f;
                    for (int i = 0; i < len; i++) {
                        glyphs.add(new CtcTextRecognizer.Glyph(word.text().substring(i, i + 1), x0 + (i + 0.5) * (x1 - x0) / len, word.confidence()));
                    }
                    text.append(word.text());
                    sum += word.confidence();
                    n++;
                }
            }
        }
        return new CtcTextRecognizer.Reading(text.toString(), n == 0 ? 0 : sum / n, List.copyOf(glyphs));
    }
}
