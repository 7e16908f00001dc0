package dev.readout.eval.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.readout.core.stage.IngestOptions;
import dev.readout.ingest.tesseract.TesseractOcrEngine;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both systems on a small rendered form (made here, not taken from a data set); skipped without Tesseract. */
class OcrEvaluationEndToEndTest {
    static final String[][] LINES = {{"INVOICE", "NUMBER", "4711"}, {"Date", "March", "1993"}, {"Total", "amount", "due", "250"}};

    static Path makeFunsd(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("annotations"));
        Files.createDirectories(dir.resolve("images"));
        BufferedImage img = new BufferedImage(900, 400, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 40);
        g.setFont(font);
        FontRenderContext frc = g.getFontRenderContext();
        StringBuilder words = new StringBuilder();
        int y = 80;
        for (String[] line : LINES) {
            int x = 40;
            for (String w : line) {
                TextLayout tl = new TextLayout(w, font, frc);
                tl.draw(g, x, y);
                Rectangle r = tl.getPixelBounds(frc, x, y);
                if (words.length() > 0) {
                    words.append(',');
                }
                words.append(String.format("{\"box\":[%d,%d,%d,%d],\"text\":\"%s\"}", r.x, r.y, r.x + r.width, r.y + r.height, w));
                x += (int) tl.getAdvance() + 30;
            }
            y += 100;
        }
        g.dispose();
        ImageIO.write(img, "png", dir.resolve("images/form.png").toFile());
        Files.writeString(dir.resolve("annotations/form.json"),
                "{\"form\":[{\"box\":[0,0,1,1],\"text\":\"all\",\"label\":\"other\",\"id\":0,\"linking\":[],\"words\":[" + words + "]}]}");
        return dir;
    }

    static boolean libtesseract() {
        try {
            TesseractOcrEngine.systemDefault().checkAvailable(List.of("eng"));
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Test
    void scoresBothSystemsOnARenderedForm(@TempDir Path dir) throws Exception {
        TesseractTsv cli = new TesseractTsv("tesseract", "eng", 120);
        assumeTrue(cli.unavailableReason() == null, "tesseract binary not installed");
        assumeTrue(libtesseract(), "libtesseract not installed");
        OcrEvaluation eval = new OcrEvaluation(2, null);
        List<FunsdPage> pages = eval.load(makeFunsd(dir), 0);
        assertThat(pages).hasSize(1);
        assertThat(pages.get(0).words()).hasSize(10);
        List<OcrSystem> systems = new ArrayList<>();
        try (ReadoutOcrSystem ours = ReadoutOcrSystem.discover(1, IngestOptions.DEFAULT)) {
            systems.add(ours);
            systems.add(cli.asSystem());
            OcrReport report = eval.run(pages, systems, Map.of());
            assertThat(report.systems().keySet()).containsExactly("readout", "tesseract-cli");
            for (OcrScores s : report.systems().values()) {
                assertThat(s.failedPages()).isZero();
                assertThat(s.f1()).as(report.toTable()).isGreaterThan(0.8);
                assertThat(s.cer()).as(report.toTable()).isLessThan(0.2);
            }
        }
    }
}
