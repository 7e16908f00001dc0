package dev.readout.vqa.invoice;

import dev.readout.core.export.PageView;
import dev.readout.core.model.Box;
import dev.readout.core.model.Document;
import dev.readout.core.model.FormField;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Word;
import dev.readout.vqa.values.Dates;
import dev.readout.vqa.values.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Invoice and receipt fields from a processed document, by layout-aware rules over its lines in reading order: a
 * label (in English, German or French) and its value on the same line, to its right on the same row, or on the line
 * below; the vendor from the top of the first page (a line with a company suffix, else the first line of text)
 * and the address lines under it; amounts and dates normalised by {@link Money} and {@link Dates} (day first unless
 * the document is in US dollars). Filled PDF form fields are read first, by their labels. Every field carries the
 * words it was read from. This is the rule-based extractor; the learned question-answering model of the vqa
 * module (when shipped) is a second source.
 */
public final class InvoiceExtractor {
    static final Pattern COMPANY = Pattern.compile("\\b(SDN\\.? ?BHD|BHD|S/B|LTD|LIMITED|LLC|INC|GMBH|AG|SARL|SAS|B\\.?V\\.?|PLC|CORP|CO\\.|COMPANY|ENTERPRISE|TRADING|RESTAURANT|STORE|MARKET|MART|SHOP|HARDWARE|BOOKSTORE|PHARMACY|CAFE)\\b");
    static final Pattern NOT_VENDOR = Pattern.compile("\\b(TAX INVOICE|INVOICE|RECEIPT|RECHNUNG|FACTURE|BILL TO|SHIP TO|CASH SALES?|PAGE \\d)\\b");
    static final Pattern ADDRESS_STOP = Pattern.compile("\\b(TEL|PHONE|FAX|GST|SST|REG|CO\\.? ?NO|COMPANY NO|ROC|E-?MAIL|WWW|HTTP|DATE|INVOICE|RECEIPT|CASHIER|VAT|UST|TAX)\\b|@");
    static final Pattern ADDRESS_HINT = Pattern.compile("\\d|\\b(JALAN|JLN|TAMAN|LOT|NO|ROAD|RD|STREET|ST|AVENUE|AVE|LANE|STRASSE|STR|RUE|PLATZ|WEG|SUITE|FLOOR|BLOCK|BLK|KAWASAN|BANDAR|KUALA|JOHOR|SELANGOR)\\b");

    /** Labels, most specific first; a field's candidates are ranked by the index of the label that found them. */
    static final Map<String, List<Pattern>> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("invoice_number", List.of(p("(invoice|inv|bill|receipt|document|doc|rechnungs?|facture)\\s*(no\\.?|number|num|nr\\.?|#|nummer|n°|no:)"),
                p("rechnungsnummer|invoice\\s*#|beleg\\s*nr")));
        LABELS.put("due_date", List.of(p("due\\s*date|payment\\s*due|pay(able)?\\s*by|f[äa]llig(keit)?|[ée]ch[ée]ance")));
        LABELS.put("invoice_date", List.of(p("(invoice|inv|bill|receipt|rechnungs|document)\\s*date|date\\s*of\\s*issue|issue\\s*date|rechnungsdatum"),
                p("\\bdate\\b|\\bdatum\\b|\\bdate\\s*:")));
        LABELS.put("subtotal", List.of(p("sub\\s*-?\\s*total|net\\s*amount|nettobetrag|total\\s*(excl|exkl|before|ht)|amount\\s*before")));
        LABELS.put("tax", List.of(p("(total\\s*)?(gst|vat|sst|tax|mwst|ust|tva)(\\s*amount|\\s*\\d+\\s*%|\\s*\\(\\d+%\\))?")));
        LABELS.put("total", List.of(
                p("grand\\s*total|total\\s*amount\\s*(due|payable)|amount\\s*(due|payable)|balance\\s*due|total\\s*due|total\\s*payable"),
                p("total\\s*(incl|inkl|inc|ttc|sales|amount)|rounded\\s*total|total\\s*rounded|nett?\\s*total|gesamt(betrag)?|rechnungsbetrag|montant\\s*total|total\\s*\\(rm\\)|total\\s*rm"),
                p("(?<!sub)(?<!sub )\\btotal\\b(?!\\s*(qty|quantity|items?|discount|savings?|tax|gst|excl))")));
    }

    private static Pattern p(String re) {
        return Pattern.compile(re, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** A line of the document with what we need: page, text, words. */
    record TLine(int page, int index, String text, List<Word> words, Box box) {
        Evidence evidence() {
            return new Evidence(page, words.stream().map(Word::id).toList(), box);
        }

        Evidence evidence(int fromWord) {
            List<Word> ws = words.subList(Math.min(fromWord, words.size()), words.size());
            if (ws.isEmpty()) {
                return evidence();
            }
            return new Evidence(page, ws.stream().map(Word::id).toList(), Box.unionOf(ws.stream().map(Word::box).toList()));
        }
    }

    public InvoiceFields extract(Document doc) {
        List<TLine> lines = lines(doc);
        Map<String, Field> out = new LinkedHashMap<>();
        String currency = documentCurrency(lines);
        Dates.Order order = "USD".equals(currency) ? Dates.Order.MONTH_FIRST : Dates.Order.DAY_FIRST;
        fromFormFields(doc, out, order);
        vendor(lines, out);
        for (String name : List.of("invoice_number", "invoice_date", "due_date", "subtotal", "tax", "total")) {
            if (!out.containsKey(name)) {
                labelled(name, lines, order).ifPresent(f -> out.put(name, f));
            }
        }
        if (!out.containsKey("invoice_date")) {
            for (TLine l : lines) {
                Optional<Dates.Parsed> d = Dates.parse(l.text(), order);
                if (d.isPresent()) {
                    out.put("invoice_date", new Field(d.get().text(), d.get().iso(), d.get().ambiguous() ? 0.4 : 0.5, l.evidence()));
                    break;
                }
            }
        }
        Field total = out.get("total");
        String cur = total != null ? Money.parse(total.text()).map(Money::currency).orElse(null) : null;
        cur = cur != null ? cur : currency;
        if (cur != null) {
            Field src = total != null ? total : out.values().stream().findFirst().orElse(null);
            out.put("currency", new Field(cur, cur, total != null ? 0.8 : 0.5, src == null ? null : src.evidence()));
        }
        Map<String, Field> ordered = new LinkedHashMap<>();
        for (String n : InvoiceFields.NAMES) {
            if (out.containsKey(n)) {
                ordered.put(n, out.get(n));
            }
        }
        return new InvoiceFields(ordered, lineItems(lines));
    }

    static List<TLine> lines(Document doc) {
        List<TLine> out = new ArrayList<>();
        for (Page p : doc.pages()) {
            PageView v = new PageView(p);
            for (Line l : v.orderedLines()) {
                List<Word> ws = v.words(l);
                String text = v.text(l).strip();
                if (!text.isEmpty()) {
                    out.add(new TLine(p.number(), out.size(), text, ws, l.box()));
                }
            }
        }
        return out;
    }

    private static String documentCurrency(List<TLine> lines) {
        Map<String, Integer> count = new LinkedHashMap<>();
        for (TLine l : lines) {
            Optional<Money> m = Money.parse(l.text());
            if (m.isPresent() && m.get().currency() != null) {
                count.merge(m.get().currency(), 1, Integer::sum);
            }
        }
        return count.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    private static void fromFormFields(Document doc, Map<String, Field> out, Dates.Order order) {
        for (FormField ff : doc.formFields()) {
            if (ff.value() == null || ff.value().isBlank()) {
                continue;
            }
            for (Map.Entry<String, List<Pattern>> e : LABELS.entrySet()) {
                if (out.containsKey(e.getKey())) {
                    continue;
                }
                for (Pattern pt : e.getValue()) {
                    if (pt.matcher(ff.key()).find()) {
                        Optional<Field> f = value(e.getKey(), ff.value(), 0.95,
                                new Evidence(ff.page(), List.of(), ff.valueBox()), order);
                        f.ifPresent(v -> out.put(e.getKey(), v));
                        break;
                    }
                }
            }
        }
    }

    /** The field's value from the best labelled line: label order first, then (for amounts) the larger amount. */
    private static Optional<Field> labelled(String name, List<TLine> lines, Dates.Order order) {
        List<Pattern> pats = LABELS.get(name);
        Field best = null;
        int bestRank = Integer.MAX_VALUE;
        for (int rank = 0; rank < pats.size(); rank++) {
            for (TLine l : lines) {
                if (excluded(name, l.text())) {
                    continue;
                }
                Matcher m = pats.get(rank).matcher(l.text());
                if (!m.find()) {
                    continue;
                }
                Optional<Field> f = nearValue(name, l, m.end(), lines, order);
                if (f.isEmpty()) {
                    continue;
                }
                if (best == null || rank < bestRank || (rank == bestRank && better(name, f.get(), best))) {
                    best = f.get();
                    bestRank = rank;
                }
            }
            if (best != null) {
                return Optional.of(best);
            }
        }
        return Optional.empty();
    }

    /** Lines a label must not be taken from (a tax line is not the invoice date, a due date is not the date...). */
    private static boolean excluded(String name, String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return switch (name) {
            case "invoice_date" -> LABELS.get("due_date").get(0).matcher(t).find();
            case "tax" -> t.matches(".*\\b(no|id|reg|number|nr)\\b.*") && !t.matches(".*\\d+[.,]\\d{2}.*");
            case "total" -> t.contains("sub") || t.matches(".*\\b(qty|quantity|items?)\\b.*");
            default -> false;
        };
    }

    private static boolean better(String name, Field a, Field b) {
        if (name.equals("total") || name.equals("subtotal") || name.equals("tax")) {
            return new BigDecimal(a.value()).compareTo(new BigDecimal(b.value())) > 0;
        }
        return false;
    }

    /** The value after the label on the same line, else on the same row to the right, else on the line below. */
    private static Optional<Field> nearValue(String name, TLine l, int labelEnd, List<TLine> lines, Dates.Order order) {
        String rest = l.text().substring(Math.min(labelEnd, l.text().length())).replaceFirst("^[\\s:#.\\-]+", "");
        int wordsBefore = wordsCovering(l, labelEnd);
        Optional<Field> f = value(name, rest, 0.9, l.evidence(wordsBefore), order);
        if (f.isPresent()) {
            return f;
        }
        TLine right = null;
        for (TLine o : lines) {
            if (o.page() == l.page() && o != l && sameRow(l.box(), o.box()) && o.box().x0() >= l.box().x1() - 5
                    && (right == null || o.box().x0() < right.box().x0())) {
                right = o;
            }
        }
        if (right != null) {
            f = value(name, right.text(), 0.8, right.evidence(), order);
            if (f.isPresent()) {
                return f;
            }
        }
        TLine below = null;
        for (TLine o : lines) {
            if (o.page() == l.page() && o.box().y0() >= l.box().y1() - 2 && o.box().y0() - l.box().y1() < 1.5 * l.box().height()
                    && o.box().x0() < l.box().x1() && o.box().x1() > l.box().x0()
                    && (below == null || o.box().y0() < below.box().y0())) {
                below = o;
            }
        }
        return below == null ? Optional.empty() : value(name, below.text(), 0.6, below.evidence(), order);
    }

    private static int wordsCovering(TLine l, int chars) {
        int pos = 0;
        for (int i = 0; i < l.words().size(); i++) {
            pos += l.words().get(i).text().length() + 1;
            if (pos > chars) {
                return i + 1;
            }
        }
        return l.words().size();
    }

    static boolean sameRow(Box a, Box b) {
        double ov = Math.min(a.y1(), b.y1()) - Math.max(a.y0(), b.y0());
        return ov >= 0.5 * Math.min(a.height(), b.height());
    }

    /** Reads a field's value from text: an amount, a date, or an identifier token. */
    static Optional<Field> value(String name, String text, double score, Evidence ev, Dates.Order order) {
        String t = text.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        switch (name) {
            case "subtotal", "tax", "total" -> {
                // the amount at the right of the row: "Includes GST 6% 9.00" is 9.00; a percentage is no amount
                String noPercent = t.replaceAll("\\d+(?:[.,]\\d+)?\\s*%", " ");
                List<Money> all = Money.all(noPercent);
                // an amount shows cents or a currency: "DE294817364" and "Table 12" are not amounts
                if (all.isEmpty() || !(noPercent.matches(".*\\d[.,] ?\\d{1,2}\\b.*") || all.get(all.size() - 1).currency() != null)) {
                    return Optional.empty();
                }
                Money v = all.get(all.size() - 1);
                return Optional.of(new Field(amountText(t), v.amount().toPlainString(), score, ev));
            }
            case "invoice_date", "due_date" -> {
                Optional<Dates.Parsed> d = Dates.parse(t, order);
                return d.map(v -> new Field(v.text(), v.iso(), v.ambiguous() ? score * 0.7 : score, ev));
            }
            case "invoice_number" -> {
                for (String tok : t.split("\\s+")) {
                    String c = tok.replaceAll("^[:#.]+|[,;:]+$", "");
                    if (c.chars().anyMatch(Character::isDigit) && c.length() >= 2) {
                        return Optional.of(new Field(c, c, score, ev));
                    }
                }
                return Optional.empty();
            }
            default -> {
                return Optional.of(new Field(t, t, score, ev));
            }
        }
    }

    /** The printed amount at the end of a text (with a currency sign or code next to it), else the text. */
    static String amountText(String t) {
        Matcher m = Pattern.compile("((?:[A-Z]{3}|RM|[$€£¥])\\s?)?[-(]?\\d[\\d.,' ]*(?:[.,] ?\\d{1,2})\\)?(\\s?(?:[A-Z]{3}|€))?\\s*$").matcher(t.strip());
        return m.find() ? m.group().strip() : t.strip();
    }

    static final Pattern REGISTRATION = Pattern.compile("\\(\\s*\\d{3,}[- ]?\\d*[- ]?[A-Z]\\s*\\)|\\((CO\\.? ?)?(NO\\.?|REG)[^)]*\\)", Pattern.CASE_INSENSITIVE);
    static final Pattern PHONE = Pattern.compile("\\b\\d{2,4}[- ]\\d{3,4}[- ]?\\d{3,4}\\b");

    /** A name line without registration numbers and stray marks at its ends. */
    static String clean(String s) {
        return REGISTRATION.matcher(s).replaceAll(" ").replaceAll("^[^\\p{L}\\p{N}(]+|[^\\p{L}\\p{N}.)]+$", "").replaceAll("\\s+", " ").strip();
    }

    /** An address line without registration numbers and stray marks at its start (its punctuation kept). */
    static String cleanAddress(String s) {
        return REGISTRATION.matcher(s).replaceAll(" ").replaceAll("^[^\\p{L}\\p{N}(]+", "").replaceAll("\\s+", " ").strip();
    }

    /** Vendor name and address from the top of the first page. */
    private static void vendor(List<TLine> lines, Map<String, Field> out) {
        List<TLine> top = lines.stream().filter(l -> l.page() == lines.get(0).page()).limit(12).toList();
        if (top.isEmpty()) {
            return;
        }
        int at = -1;
        for (int i = 0; i < Math.min(8, top.size()); i++) {
            String u = top.get(i).text().toUpperCase(Locale.ROOT);
            if (COMPANY.matcher(u).find() && !NOT_VENDOR.matcher(u).find()) {
                at = i;
                break;
            }
        }
        double score = 0.7;
        if (at < 0) {
            score = 0.45;
            for (int i = 0; i < top.size(); i++) {
                String t = top.get(i).text();
                long letters = t.chars().filter(Character::isLetter).count();
                if (letters >= 3 && letters >= t.length() / 2 && !NOT_VENDOR.matcher(t.toUpperCase(Locale.ROOT)).find()
                        && Dates.parse(t).isEmpty()) {
                    at = i;
                    break;
                }
            }
        }
        if (at < 0) {
            return;
        }
        TLine name = top.get(at);
        String nameText = clean(name.text());
        List<TLine> nameLines = new ArrayList<>(List.of(name));
        if (at > 0 && nameText.split(" ").length <= 2 && COMPANY.matcher(nameText.toUpperCase(Locale.ROOT)).matches()) {
            // the suffix alone on its line ("BHD"): the name began on the line above
            TLine prev = top.get(at - 1);
            nameText = clean(prev.text()) + " " + nameText;
            nameLines.add(0, prev);
        }
        List<String> nameIds = nameLines.stream().flatMap(l -> l.words().stream().map(Word::id)).toList();
        out.put("vendor_name", new Field(nameText, nameText, score,
                new Evidence(name.page(), nameIds, Box.unionOf(nameLines.stream().map(TLine::box).toList()))));
        List<TLine> addr = new ArrayList<>();
        Box nb = name.box();
        for (int i = at + 1; i < top.size() && addr.size() < 5; i++) {
            TLine l = top.get(i);
            if (l.box().y0() < nb.y1() - 0.5 * nb.height() || l.box().x0() > nb.x1() || l.box().x1() < nb.x0()) {
                continue;   // beside the name, not under it (a document title, a logo caption)
            }
            String u = l.text().toUpperCase(Locale.ROOT);
            if (clean(l.text()).isEmpty() || addr.isEmpty() && REGISTRATION.matcher(u).find() && !ADDRESS_HINT.matcher(clean(u)).find()) {
                continue;   // a registration number under the name
            }
            if (ADDRESS_STOP.matcher(u).find() || PHONE.matcher(u).find() || Dates.parse(l.text()).isPresent()) {
                break;
            }
            addr.add(l);
        }
        if (!addr.isEmpty() && addr.stream().anyMatch(l -> ADDRESS_HINT.matcher(l.text().toUpperCase(Locale.ROOT)).find())) {
            String text = String.join(" ", addr.stream().map(l -> cleanAddress(l.text())).toList());
            List<String> ids = addr.stream().flatMap(l -> l.words().stream().map(Word::id)).toList();
            Box box = Box.unionOf(addr.stream().map(TLine::box).toList());
            out.put("vendor_address", new Field(text, text, 0.5, new Evidence(addr.get(0).page(), ids, box)));
        }
    }

    /** A visual row: lines of one page whose boxes overlap vertically, left to right. */
    record Row(List<TLine> cells) {
        String text() {
            return String.join(" ", cells.stream().map(TLine::text).toList());
        }

        Evidence evidence() {
            return new Evidence(cells.get(0).page(), cells.stream().flatMap(c -> c.words().stream().map(Word::id)).toList(),
                    Box.unionOf(cells.stream().map(TLine::box).toList()));
        }
    }

    static List<Row> rows(List<TLine> lines) {
        List<List<TLine>> rows = new ArrayList<>();
        for (TLine l : lines) {
            List<TLine> home = null;
            for (List<TLine> r : rows) {
                if (r.get(0).page() == l.page() && sameRow(r.get(0).box(), l.box())) {
                    home = r;
                    break;
                }
            }
            if (home == null) {
                rows.add(home = new ArrayList<>());
            }
            home.add(l);
        }
        List<Row> out = new ArrayList<>();
        for (List<TLine> r : rows) {
            r.sort(java.util.Comparator.comparingDouble(c -> c.box().x0()));
            out.add(new Row(r));
        }
        out.sort(java.util.Comparator.<Row>comparingInt(r -> r.cells().get(0).page()).thenComparingDouble(r -> r.cells().get(0).box().y0()));
        return out;
    }

    /** Rows between an items-table header (two or more column names) and the first subtotal or total row. */
    private static List<LineItem> lineItems(List<TLine> lines) {
        List<LineItem> items = new ArrayList<>();
        Pattern header = p("\\b(description|item|items|article|artikel|bezeichnung|désignation|product|qty|quantity|menge|price|unit|amount|betrag|total)\\b");
        List<Row> rows = rows(lines);
        for (int i = 0; i < rows.size(); i++) {
            Matcher m = header.matcher(rows.get(i).text());
            int hits = 0;
            while (m.find()) {
                hits++;
            }
            if (hits < 2) {
                continue;
            }
            for (int j = i + 1; j < rows.size() && rows.get(j).cells().get(0).page() == rows.get(i).cells().get(0).page(); j++) {
                Row row = rows.get(j);
                String t = row.text();
                if (LABELS.get("subtotal").get(0).matcher(t).find() || LABELS.get("total").stream().anyMatch(pt -> pt.matcher(t).find())) {
                    break;
                }
                List<String> cells = row.cells().stream().map(TLine::text).toList();
                if (cells.size() < 2) {
                    // one cell: split its trailing numbers off
                    cells = List.of(t.split("\\s+(?=[-(]?[$€£]?\\d[\\d.,']*\\)?$)|\\s+(?=[-(]?[$€£]?\\d[\\d.,']*\\)?\\s)"));
                }
                List<String> amounts = new ArrayList<>();
                String qty = null;
                List<String> desc = new ArrayList<>();
                for (String c : cells) {
                    String cc = c.strip();
                    if (cc.matches("[-(]?[$€£]?\\d[\\d.,' ]*[.,]\\d{2}\\)?(\\s?[A-Z]{3})?")) {
                        Money.parse(cc).ifPresent(v -> amounts.add(v.amount().toPlainString()));
                    } else if (cc.matches("\\d{1,5}([.,]\\d{1,3})?") && amounts.isEmpty() && !desc.isEmpty() && qty == null) {
                        qty = cc;
                    } else if (amounts.isEmpty()) {
                        desc.add(cc);
                    }
                }
                if (amounts.isEmpty() || desc.stream().noneMatch(d -> d.chars().anyMatch(Character::isLetter))) {
                    continue;
                }
                String amount = amounts.get(amounts.size() - 1);
                String unit = amounts.size() >= 2 ? amounts.get(amounts.size() - 2) : null;
                items.add(new LineItem(String.join(" ", desc), qty, unit, amount, 0.5, row.evidence()));
            }
            break;
        }
        return items;
    }
}
