package dev.readout.ingest;

import dev.readout.core.error.CorruptDocumentException;
import dev.readout.core.error.LimitExceededException;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.Ingestor;
import dev.readout.core.stage.OcrEngineKind;
import dev.readout.core.stage.OpenedDocument;
import dev.readout.ingest.image.ImageDocument;
import dev.readout.ingest.maps.PpOcrEngine;
import dev.readout.ingest.opencv.OpenCvPreprocessor;
import dev.readout.ingest.pdfbox.PdfDocument;
import dev.readout.ingest.tesseract.TesseractOcrEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The ingestor: sniffs the type from the content and opens PDFs with PDFBox and rasters with ImageIO,
 * sending pages without a usable text layer through OpenCV clean-up and Tesseract.
 * Thread-safe; holds the shared Tesseract handle pool (closed with {@link #close()}).
 */
public final class ReadoutIngestor implements Ingestor, AutoCloseable {
    private final TesseractOcrEngine ocr;
    private final PpOcrEngine ppocr;
    private final ScanProcessor scans;

    /** For {@link java.util.ServiceLoader}: Tesseract data from {@code $TESSDATA_PREFIX} or Debian's location. */
    public ReadoutIngestor() {
        this(TesseractOcrEngine.systemDefault());
    }

    public ReadoutIngestor(TesseractOcrEngine ocr) {
        this.ocr = ocr;
        // PP-OCRv4 (--ocr-engine ppocr): its model is loaded on the first page that asks for it
        this.ppocr = new PpOcrEngine(Math.min(4, Runtime.getRuntime().availableProcessors()));
        this.scans = new ScanProcessor(ocr, ppocr);
    }

    public TesseractOcrEngine ocrEngine() {
        return ocr;
    }

    @Override
    public void checkAvailable(IngestOptions options) {
        if (options.ocrEngine() == OcrEngineKind.PPOCR) {
            ocr.checkAvailable(List.of("eng"));     // Tesseract still finds the orientation of turned pages
        }
        scans.checkAvailable(options);
        OpenCvPreprocessor.load();
    }

    @Override
    public OpenedDocument open(Path file, String displayName, IngestOptions options) {
        long bytes = checkedBytes(file, options.limits());
        MediaType type = FormatSniffer.sniff(file);
        String name = displayName != null ? displayName : String.valueOf(file.getFileName());
        String sha = sha256(file);
        if (type == MediaType.PDF) {
            return new PdfDocument(file, name, sha, bytes, options, scans);
        }
        scans.checkAvailable(options);
        return new ImageDocument(file, type, name, sha, bytes, options, scans);
    }

    /** The file's size in bytes; a typed error when it is missing, unreadable or over {@code limits.maxBytes()}. */
    public static long checkedBytes(Path file, dev.readout.core.stage.Limits limits) {
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new CorruptDocumentException("no such file: " + file);
        } catch (IOException e) {
            throw new CorruptDocumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (bytes > limits.maxBytes()) {
            throw new LimitExceededException("the file has " + bytes + " bytes, over the limit of " + limits.maxBytes());
        }
        return bytes;
    }

    /** Hex SHA-256 of the file's bytes. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new CorruptDocumentException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        ocr.close();
        ppocr.close();
    }
}
