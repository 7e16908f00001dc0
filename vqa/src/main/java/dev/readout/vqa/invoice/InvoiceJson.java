package dev.readout.vqa.invoice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readout.core.model.Box;

/**
 * The JSON of extracted invoice fields (used by {@code readout extract --invoice} and the REST API):
 * <pre>{"fields": {"total": {"text": "EUR 698.05", "value": "698.05", "score": 0.8,
 *                          "evidence": {"page": 1, "wordIds": [...], "box": [x0, y0, x1, y1]}}, ...},
 *  "lineItems": [{"description", "quantity", "unitPrice", "amount", "score", "evidence"}]}</pre>
 * Fields not found are absent. Boxes are in the page's pixels, as in the document JSON.
 */
public final class InvoiceJson {
    private static final ObjectMapper OM = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private InvoiceJson() {
    }

    public static ObjectNode toJson(InvoiceFields f) {
        ObjectNode root = OM.createObjectNode();
        ObjectNode fields = root.putObject("fields");
        f.fields().forEach((name, field) -> {
            ObjectNode o = fields.putObject(name);
            o.put("text", field.text());
            o.put("value", field.value());
            o.put("score", Math.round(field.score() * 1000) / 1000.0);
            evidence(o, field.evidence());
        });
        ArrayNode items = root.putArray("lineItems");
        for (LineItem li : f.lineItems()) {
            ObjectNode o = items.addObject();
            o.put("description", li.description());
            o.put("quantity", li.quantity());
            o.put("unitPrice", li.unitPrice());
            o.put("amount", li.amount());
            o.put("score", li.score());
            evidence(o, li.evidence());
        }
        return root;
    }

    public static String write(InvoiceFields f) {
        try {
            return OM.writeValueAsString(toJson(f));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code name: value} lines, then the line items, tab-separated. */
    public static String text(InvoiceFields f) {
        StringBuilder sb = new StringBuilder();
        f.fields().forEach((name, field) -> sb.append(name).append(": ").append(field.value()).append('\n'));
        if (!f.lineItems().isEmpty()) {
            sb.append("\nline items (description, quantity, unit price, amount):\n");
            for (LineItem li : f.lineItems()) {
                sb.append(li.description()).append('\t').append(n(li.quantity())).append('\t').append(n(li.unitPrice()))
                  .append('\t').append(n(li.amount())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }

    private static void evidence(ObjectNode o, Evidence ev) {
        if (ev == null) {
            return;
        }
        ObjectNode e = o.putObject("evidence");
        e.put("page", ev.page());
        ArrayNode ids = e.putArray("wordIds");
        ev.wordIds().forEach(ids::add);
        Box b = ev.box();
        if (b != null) {
            e.putArray("box").add(b.x0()).add(b.y0()).add(b.x1()).add(b.y1());
        }
    }
}
