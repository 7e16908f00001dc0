package dev.readout.ingest.maps;

import java.awt.image.BufferedImage;
import java.util.List;

/** Reads horizontal text strips (TYPE_BYTE_GRAY), one reading per strip, in input order. Thread-safe. */
interface StripReader {
    List<CtcTextRecognizer.Reading> read(List<BufferedImage> strips);
}
