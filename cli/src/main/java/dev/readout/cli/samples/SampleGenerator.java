package dev.readout.cli.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates the project's sample documents, deterministically: the same build writes the same bytes
 * (fixed seeds, fixed PDF dates and IDs, fonts that do not depend on the machine).
 */
public final class SampleGenerator {
    /** File names of the generated samples, in the order they are written. */
    public static final List<String> FILES = List.of(InvoiceSample.FILE, ArticleSample.FILE, ScanSample.FILE, TiffSample.FILE, MapSample.FILE);

    private SampleGenerator() {
    }

    /** Writes every sample into {@code dir} (created when missing); returns the files written. */
    public static List<Path> generateAll(Path dir) throws IOException {
        Files.createDirectories(dir);
        InvoiceSample.write(dir.resolve(InvoiceSample.FILE));
        ArticleSample.write(dir.resolve(ArticleSample.FILE));
        ScanSample.write(dir.resolve(ScanSample.FILE));
        TiffSample.write(dir.resolve(TiffSample.FILE));
        MapSample.write(dir.resolve(MapSample.FILE));
        return FILES.stream().map(dir::resolve).toList();
    }

    /** Sentence {@code n} of the two-column article ("Sentence one …"), for checks of reading order. */
    public static String articleSentence(int n) {
        return ArticleSample.sentence(n);
    }

    /** Number of sentences in the article and the last one of its left column. */
    public static int[] articleColumns() {
        return new int[] {ArticleSample.SENTENCES, ArticleSample.LAST_OF_FIRST_COLUMN};
    }

    /** Clockwise rotation, in degrees, given to the content of the skewed scan. */
    public static double scanSkewDegrees() {
        return ScanSample.SKEW_DEG;
    }
}
