package dev.readout.cli.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The documents of a batch: every regular file under a folder (recursively, hidden files and folders skipped), every
 * file entry of a zip archive, or a single file; in path order. Each gets an output name, its path relative to the
 * input (a zip entry's: the archive's name without {@code .zip}, then the entry's path) with every character outside {@code [A-Za-z0-9._-]} replaced by {@code _} (a second document with the same
 * name gets {@code -2}, {@code -3}, …), so no input name can make an output land outside the output folder.
 */
public final class BatchInputs {
    private BatchInputs() {
    }

    /** One document of the batch. {@code zip} is null for a plain file, else the archive holding {@code entry}. */
    public record Item(String name, String origin, Path file, Path zip, String entry) {
        /**
         * The document as a local file with its SHA-256: the file itself, or the zip entry copied to {@code tmpDir}
         * (refused beyond {@code maxBytes}, counted while copying, whatever the archive declares).
         */
        public Local materialize(Path tmpDir, long maxBytes) throws IOException {
            MessageDigest md = sha256();
            if (zip == null) {
                try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                return new Local(file, HexFormat.of().formatHex(md.digest()), false);
            }
            Files.createDirectories(tmpDir);
            Path tmp = Files.createTempFile(tmpDir, "entry-", ".bin");
            try (ZipFile z = new ZipFile(zip.toFile())) {
                ZipEntry e = z.getEntry(entry);
                if (e == null) {
                    throw new IOException(zip + " no longer holds " + entry);
                }
                try (InputStream in = new DigestInputStream(z.getInputStream(e), md); OutputStream out = Files.newOutputStream(tmp)) {
                    byte[] buf = new byte[1 << 16];
                    long total = 0;
                    int r;
                    while ((r = in.read(buf)) > 0) {
                        total += r;
                        if (total > maxBytes) {
                            throw new dev.readout.core.error.LimitExceededException("zip entry " + entry + " inflates to more than "
                                    + maxBytes + " bytes (--max-bytes): refused as a possible decompression bomb");
                        }
                        out.write(buf, 0, r);
                    }
                }
            } catch (IOException | RuntimeException ex) {
                Files.deleteIfExists(tmp);
                throw ex;
            }
            return new Local(tmp, HexFormat.of().formatHex(md.digest()), true);
        }
    }

    /** A document as a local file; {@code temporary} files are deleted by the caller when done. */
    public record Local(Path file, String sha256, boolean temporary) {
    }

    /** The documents of all inputs, in order. */
    public static List<Item> list(List<Path> inputs) throws IOException {
        List<Item> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(in)) {
                    files = s.filter(Files::isRegularFile).filter(p -> !hidden(in.relativize(p))).sorted().toList();
                }
                for (Path f : files) {
                    out.add(new Item(unique(names, sanitize(in.relativize(f).toString())), f.toString(), f, null, null));
                }
            } else if (Files.isRegularFile(in) && in.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                try (ZipFile z = new ZipFile(in.toFile())) {
                    List<String> entries = z.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName)
                            .filter(n -> !hidden(Path.of(sanitize(n)))).sorted().toList();
                    for (String e : entries) {
                        String zipName = in.getFileName().toString().replaceFirst("(?i)\\.zip$", "");
                        out.add(new Item(unique(names, sanitize(zipName + "/" + e)), in + "!" + e, null, in, e));
                    }
                }
            } else if (Files.isRegularFile(in)) {
                out.add(new Item(unique(names, sanitize(in.getFileName().toString())), in.toString(), in, null, null));
            } else {
                throw new IllegalArgumentException("batch input not found: " + in);
            }
        }
        return out;
    }

    /** A relative output name: path components of safe characters only, no '.', '..' or empty components. */
    static String sanitize(String relative) {
        List<String> parts = new ArrayList<>();
        for (String c : relative.replace('\\', '/').split("/")) {
            String s = c.replaceAll("[^A-Za-z0-9._-]", "_");
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                continue;
            }
            parts.add(s);
        }
        return parts.isEmpty() ? "document" : String.join("/", parts);
    }

    private static boolean hidden(Path rel) {
        for (Path p : rel) {
            if (hiddenName(p.toString())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hiddenName(String n) {
        return n.startsWith(".") || n.equals("__MACOSX");
    }

    private static String unique(Set<String> names, String name) {
        String n = name;
        for (int k = 2; !names.add(n.toLowerCase(Locale.ROOT)); k++) {
            n = name + "-" + k;
        }
        return n;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
