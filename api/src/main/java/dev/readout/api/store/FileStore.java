package dev.readout.api.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Uploaded files and rendered page images under one data folder. Files are named by job id (a UUID checked
 * against a strict pattern) and page number only: a client's file name never reaches a path. Thread-safe.
 */
public final class FileStore {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Path uploads;
    private final Path images;
    private final Path incoming;

    public FileStore(Path dataDir) {
        this.uploads = dataDir.resolve("uploads");
        this.images = dataDir.resolve("page-images");
        this.incoming = dataDir.resolve("incoming");
        try {
            Files.createDirectories(uploads);
            Files.createDirectories(images);
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private static String checked(String id) {
        if (!isId(id)) {
            throw new IllegalArgumentException("not a document id: " + id);
        }
        return id;
    }

    /** A fresh temporary file in the data folder's {@code incoming/} (same file system, so moves are atomic). */
    public Path newIncoming() throws IOException {
        return Files.createTempFile(incoming, "upload-", ".part");
    }

    /** Copies {@code in} to a fresh incoming file, stopping one byte past {@code maxBytes} (so an oversize body shows). */
    public Path receive(InputStream in, long maxBytes) throws IOException {
        Path tmp = newIncoming();
        try (var out = Files.newOutputStream(tmp)) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            int n;
            while (total <= maxBytes && (n = in.read(buf)) > 0) {
                int w = (int) Math.min(n, maxBytes + 1 - total);
                out.write(buf, 0, w);
                total += w;
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }

    /** Moves a received file to its place as the upload of job {@code id}. */
    public Path keep(Path received, String id) throws IOException {
        return Files.move(received, upload(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public Path upload(String id) {
        return uploads.resolve(checked(id) + ".bin");
    }

    public Path pageImage(String id, int page) {
        return images.resolve(checked(id)).resolve(page + ".png");
    }

    /** Removes a job's upload and page images. */
    public void delete(String id) {
        try {
            Files.deleteIfExists(upload(id));
            Path dir = images.resolve(checked(id));
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the files of " + id + ": " + e.getMessage(), e);
        }
    }

    /** Deletes leftovers of uploads that never became jobs (a crash mid-upload). */
    public void clearIncoming() {
        try (Stream<Path> s = Files.list(incoming)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // leftovers stay; they are only temporary files
        }
    }
}
