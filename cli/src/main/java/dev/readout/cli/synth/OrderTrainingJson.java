package dev.readout.cli.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readout.core.export.PageView;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Region;
import dev.readout.eval.order.OrderedPage;
import dev.readout.reader.xycut.XyCutReadingOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The input of {@code training/train_order.py}: one gold page with its lines in reading order and the XY-cut
 * order of the same lines, computed here by the Java baseline so that training sees exactly what the runtime
 * feeds the learned model. Format {@value #FORMAT}:
 * <pre>{"format", "name", "width", "height", "dpi",
 *  "lines": [{"text", "box": [x0, y0, x1, y1]}, ...],   // gold reading order
 *  "xycut": [i, ...],                                     // indices into lines, in XY-cut order
 *  "xycut_block": [b, ...],                               // per line: its XY-cut block number (from 0)
 *  "rules": [[x0, y0, x1, y1], ...]}                      // the page's separator regions (printed rules)</pre>
 */
public final class OrderTrainingJson {
    public static final String FORMAT = "readout-order-train/1";
    private static final XyCutReadingOrder XYCUT = new XyCutReadingOrder();

    private OrderTrainingJson() {
    }

    public static ObjectNode of(ObjectMapper om, OrderedPage gold) {
        Page page = gold.page();
        Map<String, Line> lines = page.lines().stream().collect(Collectors.toMap(Line::id, l -> l));
        PageView view = new PageView(page);
        Map<String, Integer> goldIndex = new HashMap<>();
        ObjectNode o = om.createObjectNode();
        o.put("format", FORMAT);
        o.put("name", gold.name());
        o.put("width", page.width());
        o.put("height", page.height());
        o.put("dpi", page.dpi());
        ArrayNode out = o.putArray("lines");
        for (String id : gold.gold()) {
            Line l = lines.get(id);
            goldIndex.put(id, goldIndex.size());
            ObjectNode n = out.addObject();
            n.put("text", view.text(l));
            n.putArray("box").add(round(l.box().x0())).add(round(l.box().y0())).add(round(l.box().x1())).add(round(l.box().y1()));
        }
        ArrayNode xy = o.putArray("xycut");
        int[] block = new int[gold.gold().size()];
        List<List<Line>> blocks = XYCUT.blocks(page);
        for (int b = 0; b < blocks.size(); b++) {
            for (Line l : blocks.get(b)) {
                Integer i = goldIndex.get(l.id());
                if (i != null) {
                    xy.add(i);
                    block[i] = b;
                }
            }
        }
        ArrayNode bl = o.putArray("xycut_block");
        for (int b : block) {
            bl.add(b);
        }
        ArrayNode rules = o.putArray("rules");
        for (Region r : page.regions()) {
            if (r.isSeparator()) {
                rules.addArray().add(round(r.box().x0())).add(round(r.box().y0())).add(round(r.box().x1())).add(round(r.box().y1()));
            }
        }
        return o;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
