package dev.readout.cli.synth;

import dev.readout.cli.synth.SynthPage.Family;
import dev.readout.cli.synth.SynthPage.Style;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName;

/** The Standard 14 fonts by family and style, and string widths in points. */
final class Fonts {
    private static final PDFont[][] FONTS = {
        {font(FontName.HELVETICA), font(FontName.HELVETICA_BOLD), font(FontName.HELVETICA_OBLIQUE)},
        {font(FontName.TIMES_ROMAN), font(FontName.TIMES_BOLD), font(FontName.TIMES_ITALIC)},
        {font(FontName.COURIER), font(FontName.COURIER_BOLD), font(FontName.COURIER_OBLIQUE)},
    };

    private Fonts() {
    }

    private static PDFont font(FontName n) {
        return new PDType1Font(n);
    }

    static PDFont get(Family f, Style s) {
        return FONTS[f.ordinal()][s.ordinal()];
    }

    static float width(Family f, Style s, float size, String text) {
        try {
            return get(f, s).getStringWidth(text) / 1000f * size;
        } catch (IOException e) {
            throw new IllegalStateException("cannot measure '" + text + "'", e);
        }
    }
}
