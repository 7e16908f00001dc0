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
    static final Pattern COMPANY = Pattern.compile("\\bCO\\.(?!\\w)|\\b(SDN\\.? ?BHD|SDN|BHD|S/B|PLT|LTD|LIMITED|LLC|INC|GMBH|AG|SARL|SAS|B\\.?V\\.?|PLC|CORP|COMPANY|ENTERPRISE|TRADING|RESTAURANTS?|RESTORAN|KEDAI|FARMASI|STORE|SUPERMARKET|MARKET|MART|SHOP|HARDWARE|BOOKSTORE|BAKERY|BAKERIES|STATIONERY|PHARMACY|CAFE)\\b");
    /** A legal-form suffix that ends a company name: what follows it on the line is a registration number. */
    static final Pattern LEGAL_SUFFIX = Pattern.compile("\\b(SDN\\.? ?BHD\\.?|S/B|BHD\\.?|PLT|LTD\\.?|LIMITED|LLC|INC\\.?|GMBH|PLC)(?=\\W|$)");
    /** A line of trade words alone ("BISTRO & CAFE", "RESTAURANT"): it describes a business, it does not name one. */
    static final Pattern DESCRIPTOR_ONLY = Pattern.compile("^[\\W_]*((BISTRO|CAFE|COFFEE|RESTAURANTS?|RESTORAN|BAR|GRILL|KITCHEN|FOOD|BAKERY|BAKERIES"
            + "|TRADING|ENTERPRISE|STORE|SHOP|MART|MARKET|SUPERMARKET|MINIMARKET|HARDWARE|STATIONERY|BOOKSTORE|PHARMACY|FARMASI|KEDAI"
            + "|AND|N|&)[\\W_]*)+$");
    /** A line that continues a company name begun on the line above ("CO. (M) SDN BHD" under "POPULAR BOOK"). */
    static final Pattern NAME_CONTINUATION = Pattern.compile("^(CO\\.|COMPANY\\b|\\(M\\)|SDN\\b|BHD\\b|S/B\\b|LTD\\b|LIMITED\\b|INC\\b|GMBH\\b|PLC\\b|&)");
    /** A line holding only a company registration number: {@code (867388-U)}, {@code 1241045-D}, {@code CO. NO. 373665-A}. */
    static final Pattern REGISTRATION_ONLY = Pattern.compile("^\\(?\\s*((CO(MPANY)?\\.?\\s*)?(N[O0]|REG)\\.?\\s*:?\\s*)?\\d[\\d ]{3,}\\d\\s*-*\\s*[A-Z]\\s*\\)?\\.?$");
    /** Registration lines that may sit between a company name and its address (skipped there, not an end). */
    static final Pattern REGISTRATION_LINE = Pattern.compile("\\b(GST|SST|VAT|REG|ROC|CO\\.? ?NO|COMPANY NO|BUSINESS NO|LICENSEE OF)\\b");
    /** A line that ends with a country's name. */
    static final Pattern COUNTRY_END = Pattern.compile("\\b(MALAYSIA|SINGAPORE|INDONESIA|THAILAND|BRUNEI|PHILIPPINES|GERMANY|DEUTSCHLAND|AUSTRIA|"
            + "SWITZERLAND|SCHWEIZ|SUISSE|FRANCE|ITALY|ITALIA|SPAIN|ESPAÑA|NETHERLANDS|BELGIUM|UNITED KINGDOM|UK|USA|UNITED STATES|CANADA|"
            + "AUSTRALIA)\\W*$");
    /** A date whose parts OCR ran together, with the time glued on: {@code 30 Mar201818:17}. */
    static final Pattern GLUED_DATE = Pattern.compile("\\b\\d{1,2}\\s*(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\\.?\\s*(19|20)\\d{2}",
            Pattern.CASE_INSENSITIVE);
    /** A word of an address line: what lies between spaces and commas. */
    private static final Pattern WORD = Pattern.compile("[^\\s,]+");
    /**
     * A 1 or 0 between letters ({@code Ja1an}, {@code L0T}), or a 1 ending a lower-case word after e or a ({@code Leve1},
     * {@code Industria1}); not after other letters, where it is a number run into its word ({@code Batu1}: Batu 1).
     */
    static final Pattern DIGIT_IN_WORD = Pattern.compile("(?<=\\p{L})[01](?=\\p{L})|(?<=\\p{Ll}{2}[ea])1(?![\\p{L}\\p{N}])");
    /** A document title even when OCR put spaces inside its words ("TA XINV OICE"). */
    static boolean title(String line) {
        String u = line.toUpperCase(Locale.ROOT);
        return NOT_VENDOR.matcher(u).find() || TITLE_GLUED.matcher(u.replaceAll("\\s+", "")).matches();
    }

    /** The titles of {@link #NOT_VENDOR} with their spaces taken out, as a whole line. */
    static final Pattern TITLE_GLUED = Pattern.compile("\\W*(SIMPLIFIED)?(TAXINVOICE|INVOICE|RECEIPT|OFFICIALRECEIPT|CASHSALES?|CASHBILL|RECHNUNG|FACTURE)\\W*");
    static final Pattern NOT_VENDOR = Pattern.compile("\\b(TAX ?INVOICE|INVOICE|RECEIPT|RECHNUNG|FACTURE|BILL TO|SHIP TO|CASH SALES?|CASH BILL|PAGE \\d|WELCOME|THANK YOU)\\b");
    static final Pattern ADDRESS_STOP = Pattern.compile("\\d{7,}|\\b(TEL\\w*|PHONE|FAX|MOBILE|WHATSAPP\\w*|H/?P|[G6]ST|SST|REG|CO\\.? ?NO|COMPANY NO|ROC|E-?MAIL|WWW|HTTP|DATE|INVOICE|TAXINVOICE|RECEIPT|CASHIER|VAT|UST|TAX)\\b|@");
    static final Pattern STREET_HINT = Pattern.compile("\\b(JALAN|JLN|JIN|TAMAN|TMN|LOT|ROAD|RD|STREET|AVENUE|AVE|LANE|STRASSE|STR|RUE|PLATZ|WEG|SUITE|FLOOR|BLOCK|BLK|KAWASAN|BANDAR|KUALA|JOHOR|SELANGOR)\\b");
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
                p("grand\\s*tot\\w*|total\\s*amount\\s*(due|payable)|amount\\s*(due|payable)|balance\\s*due|total\\s*due|total\\s*payable|^\\W*due\\b(?!\\s*(date|on|by)\\b)"),
                p("total\\s*(incl|inkl|inc|ttc|sales|amount)|rounded\\s*total|total\\s*rounded|nett?\\s*total|gesamt(betrag)?|rechnungsbetrag|montant\\s*total|total\\s*\\(rm\\)|total\\s*rm"),
                p("(?<!sub)(?<!sub )\\btota[l1i]?\\b(?!\\s*(qty|quantity|items?|discount|savings?|tax|gst|excl))")));
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
        reconcileTotal(lines, out, order);
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

    static final Pattern ROUNDED = p("\\bround(ed|ing)?\\b(?!\\s*(adj|diff|off\\b))");
    static final Pattern TENDERED = p("\\b(cash|tender(ed)?|paid|payment|received)\\b");
    static final Pattern CHANGE = p("\\bchange\\b(?!able)");

    /**
     * Checks the labelled total against the rest of a receipt. When cash tendered and change are both printed,
     * the total is what the customer paid: tendered − change, if some total or rounded-total line shows that
     * amount. Otherwise a rounded total ("Rounding 45.35", "Rounded Total") that differs from the labelled total
     * by at most 0.10 replaces it (cash rounding to 5 cents: the rounded amount is what is due).
     */
    private static void reconcileTotal(List<TLine> lines, Map<String, Field> out, Dates.Order order) {
        List<Field> candidates = new ArrayList<>();
        List<Field> rounded = new ArrayList<>();
        BigDecimal tendered = null;
        BigDecimal change = null;
        for (TLine l : lines) {
            String t = l.text();
            boolean totalLine = !excluded("total", t) && LABELS.get("total").stream().anyMatch(pt -> pt.matcher(t).find());
            boolean roundLine = ROUNDED.matcher(t).find() && !t.toLowerCase(Locale.ROOT).contains("adj");
            if (totalLine || roundLine) {
                Optional<Field> f = value("total", t, 0.85, l.evidence(), order);
                if (f.isPresent() && new BigDecimal(f.get().value()).signum() > 0) {
                    (roundLine ? rounded : candidates).add(f.get());
                }
            } else if (CHANGE.matcher(t).find() && change == null) {
                change = amount(t);
            } else if (TENDERED.matcher(t).find() && tendered == null) {
                tendered = amount(t);
            }
        }
        Field best = out.get("total");
        if (tendered != null && change != null && change.compareTo(tendered) <= 0) {
            BigDecimal paid = tendered.subtract(change);
            List<Field> all = new ArrayList<>(rounded);
            if (best != null) {
                all.add(0, best);
            }
            all.addAll(candidates);
            for (Field f : all) {
                if (new BigDecimal(f.value()).compareTo(paid) == 0) {
                    out.put("total", f);
                    return;
                }
            }
        }
        if (best != null) {
            BigDecimal b = new BigDecimal(best.value());
            for (Field r : rounded) {
                BigDecimal d = new BigDecimal(r.value()).subtract(b).abs();
                if (d.signum() > 0 && d.compareTo(new BigDecimal("0.10")) <= 0) {
                    out.put("total", r);
                    return;
                }
            }
        }
    }

    /** The absolute value of the last amount with cents on a line, or null. */
    private static BigDecimal amount(String t) {
        if (!t.matches(".*\\d?[.,] ?\\d{2}\\b.*")) {
            return null;
        }
        List<Money> all = Money.all(t.replaceAll("\\d+(?:[.,]\\d+)?\\s*%", " "));
        return all.isEmpty() ? null : all.get(all.size() - 1).amount().abs();
    }

    /** Lines a label must not be taken from (a tax line is not the invoice date, a due date is not the date...). */
    private static boolean excluded(String name, String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return switch (name) {
            case "invoice_date" -> LABELS.get("due_date").get(0).matcher(t).find();
            case "tax" -> t.matches(".*\\b(no|id|reg|number|nr)\\b.*") && !t.matches(".*\\d+[.,]\\d{2}.*");
            case "total" -> t.contains("sub") || t.matches(".*\\b(qty|quantity|items?|savings?|discounts?)\\b.*")
                    || t.matches(".*\\b(tax|gst|vat|sst)\\s*total\\b.*") || t.matches(".*\\bincluded\\s+in\\s+total\\b.*")
                    // "Due: 15.04.2026" is a due date, not an amount due
                    || t.matches("^\\W*due\\b.*") && Dates.parse(t).isPresent();
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
        if (below == null || AMOUNTS.contains(name) && below.text().chars().filter(Character::isLetter).count() > 3) {
            return Optional.empty();    // under an amount label, a labelled line ("Rounding Adj 0.01") is not its value
        }
        return value(name, below.text(), 0.6, below.evidence(), order);
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

    static final java.util.Set<String> AMOUNTS = java.util.Set.of("subtotal", "tax", "total");

    /** Reads a field's value from text: an amount, a date, or an identifier token. */
    static Optional<Field> value(String name, String text, double score, Evidence ev, Dates.Order order) {
        String t = text.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        switch (name) {
            case "subtotal", "tax", "total" -> {
                // the amount at the right of the row: "Includes GST 6% 9.00" is 9.00; a percentage is no amount
                // OCR marks inside an amount ("31. “20") closed up; a percentage is no amount
                t = t.replaceAll("(\\d[.,])\\s*[“”\"'‘’`]\\s*(\\d{2})(?!\\d)", "$1$2");
                String noPercent = t.replaceAll("\\d+(?:[.,]\\d+)?\\s*%", " ");
                if (!noPercent.matches(".*\\d[.,] ?\\d{1,2}\\b.*")) {
                    // decimal mark lost by OCR at the end of a labelled amount: "Grand Total 92 80"
                    noPercent = noPercent.replaceAll("(?<![\\d.,])(\\d{1,6}) (\\d{2})\\s*$", "$1.$2");
                }
                List<Money> all = Money.all(noPercent);
                // an amount shows cents or a currency: "DE294817364" and "Table 12" are not amounts
                if (all.isEmpty() || !(noPercent.matches(".*\\d[.,] ?\\d{1,2}\\b.*") || all.get(all.size() - 1).currency() != null)) {
                    return Optional.empty();
                }
                Money v = all.get(all.size() - 1);
                return Optional.of(new Field(amountText(noPercent), v.amount().toPlainString(), score, ev));
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
    static final Pattern TIME = Pattern.compile("(?<![\\d:])\\d{1,2}:\\d{2}(:\\d{2})?\\s*([AaPp][Mm])?(?![\\d:])");
    static final Pattern PHONE = Pattern.compile("\\b\\d{2,4}[- ]\\d{3,4}[- ]?\\d{3,4}\\b");

    /** A name line without registration numbers and stray marks at its ends. */
    static String clean(String s) {
        return REGISTRATION.matcher(s).replaceAll(" ").replaceAll("^[^\\p{L}\\p{N}(]+|[^\\p{L}\\p{N}.)]+$", "").replaceAll("\\s+", " ").strip();
    }

    /** An address line without registration numbers and stray marks at its start (its punctuation kept). */
    static String cleanAddress(String s) {
        return letters(REGISTRATION.matcher(s).replaceAll(" ")).replaceAll("(^|\\s)\\|(?=\\s|$)", " ").replaceAll("^[^\\p{L}\\p{N}(]+", "").replaceAll("\\s+", " ").strip();
    }

    /**
     * Digits OCR read for letters inside the words of an address ({@link #DIGIT_IN_WORD}): 1 → l (L in upper case),
     * 0 → o (O). Words that mix digits and letters on purpose ({@code U13/X}, {@code 7/118B}, {@code SS21}) hold two
     * digits, or a digit at a word's start, and are kept.
     */
    static String letters(String s) {
        return WORD.matcher(s).replaceAll(w -> {
            String word = w.group();
            if (word.chars().filter(Character::isDigit).count() != 1) {
                return Matcher.quoteReplacement(word);
            }
            return Matcher.quoteReplacement(DIGIT_IN_WORD.matcher(word).replaceAll(d -> {
                int at = d.start();
                boolean upper = Character.isUpperCase(word.charAt(at - 1))
                        && (at + 1 >= word.length() || !Character.isLowerCase(word.charAt(at + 1)));
                return word.charAt(at) == '1' ? (upper ? "L" : "l") : (upper ? "O" : "o");
            }));
        });
    }

    /** Mean OCR confidence of a line's words (1 for text-layer words). */
    static double confidence(TLine l) {
        return l.words().isEmpty() ? 1 : l.words().stream().mapToDouble(Word::confidence).average().orElse(1);
    }

    private static final Pattern MALAY_SUFFIX_OCR = Pattern.compile("\\b([S5§][DO0]N)(\\.?)\\s*(B[HNE][LI]?[DO0)])(\\.?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SB_OCR = Pattern.compile("(?<![\\w/])[S5§]/[B8](?![\\w/])(?=\\s*([({\\[]|$))");

    /**
     * The Malaysian legal form "SDN BHD" as OCR often misreads it ({@code SON BHD}, {@code SDN BH)}, {@code 5DN 8HD}
     * is not touched: only one letter of each word may differ) put right; correct spellings are kept as printed.
     */
    static String fixLegalSuffix(String s) {
        Matcher m = MALAY_SUFFIX_OCR.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            boolean exact = m.group(1).equalsIgnoreCase("SDN") && m.group(3).equalsIgnoreCase("BHD");
            m.appendReplacement(out, Matcher.quoteReplacement(exact ? m.group() : "SDN" + m.group(2) + " BHD" + m.group(4)));
        }
        m.appendTail(out);
        return SB_OCR.matcher(out.toString().replace('’', '\'')).replaceAll("S/B");
    }

    /** A company name cut after its legal-form suffix: "X SDN BHD (123456-A)" is "X SDN BHD". */
    static String cutAfterSuffix(String name) {
        Matcher m = LEGAL_SUFFIX.matcher(name.toUpperCase(Locale.ROOT));
        int end = -1;
        while (m.find()) {
            end = m.end();
        }
        return end < 0 || end == name.length() ? name : name.substring(0, end).strip();
    }

    /** The line and the lines on its row to its right (a name split by a wide gap), left to right. */
    private static List<TLine> rowFrom(List<TLine> top, int at) {
        TLine l = top.get(at);
        List<TLine> row = new ArrayList<>(List.of(l));
        for (TLine o : top) {
            if (o != l && sameRow(l.box(), o.box()) && o.box().x0() >= l.box().x1() - 5 && o.box().x0() - l.box().x1() < 4 * l.box().height()) {
                row.add(o);
            }
        }
        row.sort(java.util.Comparator.comparingDouble(o -> o.box().x0()));
        return row;
    }

    private static String text(List<TLine> ls) {
        return String.join(" ", ls.stream().map(TLine::text).toList());
    }

    /**
     * Vendor name and address from the top of the first page. The name: the first line (of the first 10) naming
     * a company (a legal form such as SDN BHD, S/B, LTD, GMBH, or a trade word such as ENTERPRISE, TRADING,
     * RESTAURANT, KEDAI), not a document title; else the first confidently read line of mostly letters (a logo's
     * garbled reading is skipped by its OCR confidence). The name is cut after its legal form (registration
     * numbers follow it) and joined with the line above when it starts with the tail of a name ("CO. (M) SDN
     * BHD"). The address: the lines under the name, after registration numbers and a date, up to the first
     * telephone, tax-registration, title or date line; joined with spaces as printed.
     */
    private static void vendor(List<TLine> lines, Map<String, Field> out) {
        List<TLine> top = lines.stream().filter(l -> l.page() == lines.get(0).page()).limit(16).toList();
        if (top.isEmpty()) {
            return;
        }
        int at = -1;
        // a legal form (SDN BHD, LTD, GMBH) names the merchant more surely than a trade word (CAFE, & CO.) does:
        // "AMPHAWA THAI TEA & CO." over "Dimiliki oleh T PLUS F&B SDN. BHD." is a brand over its owner
        // ... but only in the header, above the title or the date: "Owned by X SDN BHD" under "TAX INVOICE" is not it
        // (a title printed above the merchant's name does not end the header)
        int header = 0;
        while (header < top.size() && title(top.get(header).text())) {
            header++;
        }
        while (header < top.size() && !title(top.get(header).text())
                && Dates.parse(top.get(header).text()).isEmpty()) {
            header++;
        }
        for (Pattern kind : List.of(LEGAL_SUFFIX, COMPANY)) {
            int limit = Math.min(10, header);
            for (int i = 0; i < limit && at < 0; i++) {
                String u = fixLegalSuffix(text(rowFrom(top, i))).toUpperCase(Locale.ROOT);
                if (kind.matcher(u).find() && !NOT_VENDOR.matcher(u).find() && !u.matches(".*\\bTHANK.*")) {
                    at = kind == COMPANY && DESCRIPTOR_ONLY.matcher(u).matches() && namesAbove(top, i) ? i - 1 : i;
                }
            }
        }
        double score = 0.7;
        if (at < 0) {
            score = 0.45;
            for (int i = 0; i < top.size(); i++) {
                String t = top.get(i).text();
                if (NOT_VENDOR.matcher(t.toUpperCase(Locale.ROOT)).find() || Dates.parse(t).isPresent()) {
                    break;   // the header ends at the title or the date: what follows is not the merchant
                }
                long letters = t.chars().filter(Character::isLetter).count();
                if (letters >= 3 && letters >= t.length() / 2 && confidence(top.get(i)) >= 0.5
                        && !NOT_VENDOR.matcher(t.toUpperCase(Locale.ROOT)).find() && Dates.parse(t).isEmpty()) {
                    at = i;
                    break;
                }
            }
        }
        if (at < 0) {
            return;
        }
        List<TLine> nameLines = rowFrom(top, at);
        String nameText = cutAfterSuffix(clean(fixLegalSuffix(text(nameLines))));
        TLine name = top.get(at);
        if (at > 0) {
            TLine prev = top.get(at - 1);
            String pu = prev.text().toUpperCase(Locale.ROOT);
            boolean close = name.box().y0() - prev.box().y1() < 1.5 * name.box().height() && prev.box().y1() <= name.box().y0() + 0.5 * name.box().height();
            boolean nameGoesOn = NAME_CONTINUATION.matcher(nameText.toUpperCase(Locale.ROOT)).find()
                    || nameText.split(" ").length <= 2 && COMPANY.matcher(nameText.toUpperCase(Locale.ROOT)).matches();
            if (nameGoesOn && close && !NOT_VENDOR.matcher(pu).find() && pu.chars().anyMatch(Character::isLetter)) {
                nameText = clean(prev.text()) + " " + nameText;
                nameLines.add(0, prev);
            }
        }
        List<String> nameIds = nameLines.stream().flatMap(l -> l.words().stream().map(Word::id)).toList();
        out.put("vendor_name", new Field(nameText, nameText, score,
                new Evidence(name.page(), nameIds, Box.unionOf(nameLines.stream().map(TLine::box).toList()))));
        List<TLine> addr = new ArrayList<>();
        List<String> addrText = new ArrayList<>();
        Box nb = Box.unionOf(nameLines.stream().map(TLine::box).toList());
        int skipped = 0;
        for (int i = at + 1; i < top.size() && addr.size() < 6; i++) {
            TLine l = top.get(i);
            if (nameLines.contains(l) || l.box().y0() < nb.y1() - 0.5 * name.box().height() || l.box().x0() > nb.x1() || l.box().x1() < nb.x0()) {
                continue;   // part of the name, or beside it (a document title, a logo caption)
            }
            String u = l.text().toUpperCase(Locale.ROOT);
            String c = clean(u);
            if (c.isEmpty() || addr.isEmpty() && DESCRIPTOR_ONLY.matcher(u).matches()) {
                continue;   // nothing, or the trade words under the name ("BISTRO & CAFE")
            }
            boolean registration = REGISTRATION_ONLY.matcher(c).matches() || REGISTRATION.matcher(u).find() && !ADDRESS_HINT.matcher(clean(REGISTRATION.matcher(u).replaceAll(" "))).find();
            boolean dated = Dates.parse(l.text()).isPresent() || TIME.matcher(l.text()).find() || GLUED_DATE.matcher(l.text()).find();
            if (addr.isEmpty() && skipped < 3 && !NOT_VENDOR.matcher(u).find()
                    && (registration || dated || REGISTRATION_LINE.matcher(u).find() && !STREET_HINT.matcher(u).find())) {
                skipped++;
                continue;   // a registration number, a tax id or the date between the name and the address
            }
            if (addr.size() == 1 && skipped < 3 && (registration || REGISTRATION_LINE.matcher(u).find()) && branchLike(addrText.get(0))) {
                addr.clear();   // "Bentong-2" between the name and the registration line: a branch's name, not the address
                addrText.clear();
                skipped++;
                continue;
            }
            Matcher stop = ADDRESS_STOP.matcher(u);
            Matcher phone = PHONE.matcher(u);
            int cut = Math.min(stop.find() ? stop.start() : Integer.MAX_VALUE, phone.find() ? phone.start() : Integer.MAX_VALUE);
            if (cut != Integer.MAX_VALUE || dated || registration) {
                String before = cut == Integer.MAX_VALUE ? "" : cleanAddress(l.text().substring(0, cut)).replaceAll("[\\s,;:]+$", "");
                if (cut != Integer.MAX_VALUE && before.chars().filter(Character::isLetter).count() >= 3 && !dated
                        && (STREET_HINT.matcher(before.toUpperCase(Locale.ROOT)).find() || before.contains(",") || before.matches(".*\\b\\d{5}\\b.*"))) {
                    addr.add(l);    // "Shah Alam, Selangor. Tel: 03-5542 5228": the address ends on this line
                    addrText.add(before);
                }
                break;
            }
            addr.add(l);
            addrText.add(cleanAddress(l.text()));
            if (COUNTRY_END.matcher(u).find()) {
                break;      // "... 56000 Kuala Lumpur, Malaysia": the country ends an address; a branch name may follow
            }
        }
        if (!addr.isEmpty() && addrText.stream().anyMatch(t -> ADDRESS_HINT.matcher(t.toUpperCase(Locale.ROOT)).find())) {
            String text = String.join(" ", addrText);
            List<String> ids = addr.stream().flatMap(l -> l.words().stream().map(Word::id)).toList();
            Box box = Box.unionOf(addr.stream().map(TLine::box).toList());
            out.put("vendor_address", new Field(text, text, 0.5, new Evidence(addr.get(0).page(), ids, box)));
        }
    }

    /**
     * Whether the line above line {@code i} names the business that line {@code i}, trade words alone, describes
     * ("THREE STOOGES" over "BISTRO & CAFE"): right above it, confidently read, with letters, and neither a title, a
     * date nor an address.
     */
    private static boolean namesAbove(List<TLine> top, int i) {
        if (i == 0) {
            return false;
        }
        TLine above = top.get(i - 1);
        String au = above.text().toUpperCase(Locale.ROOT);
        boolean close = top.get(i).box().y0() - above.box().y1() < 1.5 * top.get(i).box().height();
        return close && confidence(above) >= 0.5 && au.chars().filter(Character::isLetter).count() >= 3
                && !NOT_VENDOR.matcher(au).find() && Dates.parse(au).isEmpty() && !ADDRESS_HINT.matcher(au).find();
    }

    /** A short line with nothing of an address: no street word, no comma, no postcode, at most two words. */
    static boolean branchLike(String t) {
        String u = t.toUpperCase(Locale.ROOT);
        return !STREET_HINT.matcher(u).find() && !t.contains(",") && !t.matches(".*\\b\\d{5}\\b.*") && t.strip().split("\\s+").length <= 2;
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
