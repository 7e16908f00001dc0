package dev.readout.ingest;

/** The input formats Readout reads, each with the magic bytes that identify it. */
public enum MediaType {
    PDF("application/pdf"),
    PNG("image/png"),
    JPEG("image/jpeg"),
    TIFF("image/tiff"),
    JP2("image/jp2"),
    BMP("image/bmp");

    private final String mime;

    MediaType(String mime) {
        this.mime = mime;
    }

    public String mime() {
        return mime;
    }
}
