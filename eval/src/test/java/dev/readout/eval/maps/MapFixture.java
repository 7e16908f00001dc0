package dev.readout.eval.maps;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A tiny map data set in the map_ocr_gt layout, made here: {@code NAME/NAME.png} with three words drawn, and their
 * boxes (from the font's own metrics) in {@code NAME.geojson} with y negated, plus a fourth gold word that is not on
 * the image; or the same words as a shapefile ({@code .shp} + {@code .dbf}).
 */
final class MapFixture {
    /** Word, left x, baseline y. */
    record Drawn(String text, int x, int y) {
    }

    static final List<Drawn> WORDS = List.of(new Drawn("Fairfield", 80, 120), new Drawn("Marsh", 420, 260), new Drawn("Ashby", 150, 400));
    static final String MISSING = "Nowhere";

    private MapFixture() {
    }

    /** Writes the folder; returns the gold polygons (image pixels, y down) by word, the missing one last. */
    static List<double[]> write(Path dataDir, String name, boolean shapefile) throws IOException {
        Path dir = dataDir.resolve(name);
        Files.createDirectories(dir);
        BufferedImage img = new BufferedImage(640, 520, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        List<double[]> gold = new ArrayList<>();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(236, 236, 236));
            g.fillRect(0, 0, 640, 520);
            g.setColor(new Color(30, 30, 30));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 34));
            FontMetrics fm = g.getFontMetrics();
            for (Drawn w : WORDS) {
                g.drawString(w.text(), w.x(), w.y());
                double x1 = w.x() + fm.stringWidth(w.text());
                gold.add(rect(w.x() - 2, w.y() - fm.getAscent(), x1 + 2, w.y() + fm.getDescent()));
            }
        } finally {
            g.dispose();
        }
        gold.add(rect(500, 450, 600, 490));
        ImageIO.write(img, "png", dir.resolve(name + ".png").toFile());
        List<String> texts = new ArrayList<>(WORDS.stream().map(Drawn::text).toList());
        texts.add(MISSING);
        if (shapefile) {
            writeShapefile(dir.resolve(name + ".shp"), dir.resolve(name + ".dbf"), gold, texts);
        } else {
            StringBuilder sb = new StringBuilder("{\"type\": \"FeatureCollection\", \"features\": [\n");
            for (int i = 0; i < gold.size(); i++) {
                double[] p = gold.get(i);
                sb.append(i == 0 ? "" : ",\n").append("{\"type\": \"Feature\", \"properties\": {\"Text\": \"").append(texts.get(i))
                  .append("\", \"Phrase\": \"").append(texts.get(i)).append("\", \"Id\": \"1\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[");
                for (int k = 0; k <= 4; k++) {
                    int j = k % 4;
                    sb.append(k == 0 ? "" : ", ").append('[').append(p[2 * j]).append(", ").append(-p[2 * j + 1]).append(']');
                }
                sb.append("]]}}");
            }
            sb.append("\n]}\n");
            Files.writeString(dir.resolve(name + ".geojson"), sb.toString());
        }
        return gold;
    }

    static double[] rect(double x0, double y0, double x1, double y1) {
        return new double[] {x0, y0, x1, y0, x1, y1, x0, y1};
    }

    /** ESRI shapefile (polygons, y negated, closed rings) and a dBASE III table with a character field Label. */
    static void writeShapefile(Path shp, Path dbf, List<double[]> polygons, List<String> texts) throws IOException {
        int recLen = 4 + 32 + 4 + 4 + 4 + 5 * 16; // bytes of one polygon record's content
        ByteBuffer b = ByteBuffer.allocate(100 + polygons.size() * (8 + recLen));
        b.order(ByteOrder.BIG_ENDIAN).putInt(9994).position(24);
        b.putInt(b.capacity() / 2);
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(1000).putInt(5);
        b.position(100);
        for (int i = 0; i < polygons.size(); i++) {
            double[] p = polygons.get(i);
            b.order(ByteOrder.BIG_ENDIAN).putInt(i + 1).putInt(recLen / 2);
            b.order(ByteOrder.LITTLE_ENDIAN).putInt(5);
            for (int k = 0; k < 4; k++) {
                b.putDouble(0); // bounding box (not read)
            }
            b.putInt(1).putInt(5).putInt(0);
            for (int k = 0; k <= 4; k++) {
                int j = k % 4;
                b.putDouble(p[2 * j]).putDouble(-p[2 * j + 1]);
            }
        }
        Files.write(shp, b.array());
        int fieldLen = 40;
        ByteBuffer d = ByteBuffer.allocate(32 + 32 + 1 + texts.size() * (1 + fieldLen) + 1).order(ByteOrder.LITTLE_ENDIAN);
        d.put((byte) 3).put(new byte[3]).putInt(texts.size()).putShort((short) 65).putShort((short) (1 + fieldLen));
        d.position(32);
        byte[] name = new byte[11];
        System.arraycopy("Label".getBytes(StandardCharsets.US_ASCII), 0, name, 0, 5);
        d.put(name).put((byte) 'C').putInt(0).put((byte) fieldLen).put((byte) 0);
        d.position(64);
        d.put((byte) 0x0D);
        for (String t : texts) {
            byte[] v = new byte[fieldLen];
            java.util.Arrays.fill(v, (byte) ' ');
            byte[] tb = t.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(tb, 0, v, 0, tb.length);
            d.put((byte) ' ').put(v);
        }
        d.put((byte) 0x1A);
        Files.write(dbf, d.array());
    }
}
