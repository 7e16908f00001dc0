package dev.readout.eval.maps;

import dev.readout.core.error.CorruptDocumentException;
import dev.readout.core.geometry.Polygons;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The little of ESRI shapefiles that map ground truth needs: polygon records (shape type 5, first ring of each,
 * y negated back to image pixels) from {@code .shp}, and their attributes from the dBASE {@code .dbf} (character and
 * numeric fields, records in the same order as the shapes; records marked deleted are skipped with their shapes).
 */
final class ShapefileReader {
    /** Key set on a row the dBASE file marks deleted ({@code *}); such rows and their shapes are skipped. */
    private static final String DELETED = "\u0000deleted";
    private ShapefileReader() {
    }

    static List<MapGroundTruth.GoldWord> read(Path shp, Path dbf) {
        List<double[]> polygons = polygons(shp);
        List<java.util.Map<String, String>> rows = records(dbf);
        if (rows.size() != polygons.size()) {
            throw new CorruptDocumentException(shp.getFileName() + " holds " + polygons.size() + " shapes but "
                    + dbf.getFileName() + " " + rows.size() + " records");
        }
        List<MapGroundTruth.GoldWord> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            java.util.Map<String, String> r = rows.get(i);
            String text = pick(r, "label", "text");
            if (polygons.get(i) == null || text.isBlank() || r.containsKey(DELETED)) {
                continue;
            }
            out.add(new MapGroundTruth.GoldWord(polygons.get(i), text.strip(), pick(r, "phrase")));
        }
        return out;
    }

    private static String pick(java.util.Map<String, String> row, String... keys) {
        for (String k : keys) {
            String v = row.get(k);
            if (v != null) {
                return v;
            }
        }
        return "";
    }

    static List<double[]> polygons(Path shp) {
        ByteBuffer b = map(shp);
        if (b.limit() < 100 || b.order(ByteOrder.BIG_ENDIAN).getInt(0) != 9994) {
            throw new CorruptDocumentException(shp.getFileName() + " is not a shapefile");
        }
        List<double[]> out = new ArrayList<>();
        int pos = 100;
        while (pos + 8 <= b.limit()) {
            b.order(ByteOrder.BIG_ENDIAN);
            int words = b.getInt(pos + 4);
            int start = pos + 8;
            int end = start + 2 * words;
            if (words < 2 || end > b.limit()) {
                throw new CorruptDocumentException(shp.getFileName() + ": record at byte " + pos + " runs past the end");
            }
            b.order(ByteOrder.LITTLE_ENDIAN);
            int type = b.getInt(start);
            if (type == 5 || type == 15 || type == 25) {
                int parts = b.getInt(start + 36);
                int points = b.getInt(start + 40);
                int first = start + 44 + 4 * parts;
                int ringEnd = parts > 1 ? b.getInt(start + 48) : points;
                double[] p = new double[2 * ringEnd];
                for (int i = 0; i < ringEnd; i++) {
                    p[2 * i] = b.getDouble(first + 16 * i);
                    p[2 * i + 1] = -b.getDouble(first + 16 * i + 8);
                }
                out.add(Polygons.open(p));
            } else {
                out.add(null);
            }
            pos = end;
        }
        return out;
    }

    static List<java.util.Map<String, String>> records(Path dbf) {
        ByteBuffer b = map(dbf).order(ByteOrder.LITTLE_ENDIAN);
        int n = b.getInt(4);
        int headerLen = b.getShort(8) & 0xffff;
        int recordLen = b.getShort(10) & 0xffff;
        List<String> names = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        for (int off = 32; off + 32 <= headerLen && b.get(off) != 0x0D; off += 32) {
            byte[] name = new byte[11];
            b.get(off, name);
            int len = 0;
            while (len < 11 && name[len] != 0) {
                len++;
            }
            names.add(new String(name, 0, len, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
            lengths.add(b.get(off + 16) & 0xff);
        }
        List<java.util.Map<String, String>> rows = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            int off = headerLen + r * recordLen;
            if (off + recordLen > b.limit()) {
                throw new CorruptDocumentException(dbf.getFileName() + ": record " + (r + 1) + " runs past the end");
            }
            java.util.Map<String, String> row = new java.util.LinkedHashMap<>();
            if (b.get(off++) == '*') {
                row.put(DELETED, "true");
            }
            for (int f = 0; f < names.size(); f++) {
                byte[] v = new byte[lengths.get(f)];
                b.get(off, v);
                row.put(names.get(f), new String(v, StandardCharsets.UTF_8).strip());
                off += v.length;
            }
            rows.add(row);
        }
        return rows;
    }

    private static ByteBuffer map(Path p) {
        try {
            return ByteBuffer.wrap(Files.readAllBytes(p));
        } catch (IOException e) {
            throw new CorruptDocumentException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
