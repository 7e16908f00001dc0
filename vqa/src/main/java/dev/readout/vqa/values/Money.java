package dev.readout.vqa.values;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount read from document text: its value and, when the text shows one, its ISO 4217 currency.
 *
 * <p>Separators: the last {@code .} or {@code ,} followed by one or two digits (and nothing else) is the decimal
 * mark; any other {@code . , ' ’} or space between digit groups of three separates thousands. So
 * {@code 1.234,56} (European), {@code 1,234.56} (US/UK), {@code 1 234,56} (French), {@code 1'234.56} (Swiss),
 * {@code 1234,5} and {@code 1234.56} all read as expected; {@code 1,234} and {@code 1.234} (one separator, three
 * digits after it) are thousands. Negative: a leading minus, a trailing minus, or parentheses. Currency: a symbol
 * (€ $ £ ¥ ₹ ₣) or a code (EUR, USD, CHF, …) before or after the number; {@code $} alone is USD.
 */
public record Money(BigDecimal amount, String currency) {
    private static final Map<String, String> SYMBOLS = new LinkedHashMap<>();
    private static final Pattern CODES = Pattern.compile("\\b(EUR|USD|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK|PLN|CZK|HUF|INR|CNY|RMB|MYR|SGD|NZD|ZAR|BRL|MXN)\\b");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\d.,])[-−]?\\(?\\d{1,3}(?:[ .,'’\\u00a0\\u202f]\\d{3})*(?:[.,]\\d{1,4})?\\)?-?(?![\\d]|[.,]\\d)"
            + "|(?<![\\d.,])[-−]?\\(?\\d+(?:[.,]\\d{1,4})?\\)?-?(?![\\d]|[.,]\\d)");

    static {
        SYMBOLS.put("€", "EUR");
        SYMBOLS.put("US$", "USD");
        SYMBOLS.put("$", "USD");
        SYMBOLS.put("£", "GBP");
        SYMBOLS.put("¥", "JPY");
        SYMBOLS.put("₹", "INR");
        SYMBOLS.put("RM", "MYR");
        SYMBOLS.put("Fr.", "CHF");
        SYMBOLS.put("SFr.", "CHF");
    }

    /** The first amount in {@code text}, if any. */
    public static Optional<Money> parse(String text) {
        List<Money> all = all(text);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /**
     * Every amount in {@code text}, left to right. A space that OCR put after or before a decimal mark
     * ({@code 79. 35}, {@code 50 .80}) is closed first.
     */
    public static List<Money> all(String text) {
        List<Money> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String t = text.strip().replaceAll("(\\d)([.,]) (\\d{2})(?!\\d)", "$1$2$3").replaceAll("(\\d) ([.,]\\d{2})(?![\\d.,])", "$1$2");
        String cur = currency(t);
        Matcher m = NUMBER.matcher(t);
        while (m.find()) {
            String raw = m.group();
            if (raw.chars().noneMatch(Character::isDigit)) {
                continue;
            }
            BigDecimal v = number(raw);
            if (v != null) {
                out.add(new Money(v, cur));
            }
        }
        return out;
    }

    /** The value of one number token, or null if it is not one. */
    static BigDecimal number(String raw) {
        String s = raw.strip();
        boolean negative = false;
        if (s.startsWith("(") && s.endsWith(")")) {
            negative = true;
            s = s.substring(1, s.length() - 1);
        }
        s = s.replace("(", "").replace(")", "");
        if (s.startsWith("-") || s.startsWith("−")) {
            negative = true;
            s = s.substring(1);
        }
        if (s.endsWith("-")) {
            negative = true;
            s = s.substring(0, s.length() - 1);
        }
        String decimals = "";
        int lastSep = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
        if (lastSep >= 0) {
            String after = s.substring(lastSep + 1);
            char other = s.charAt(lastSep) == '.' ? ',' : '.';
            boolean otherBefore = s.substring(0, lastSep).indexOf(other) >= 0;
            boolean sameBefore = s.substring(0, lastSep).indexOf(s.charAt(lastSep)) >= 0;
            // 1-2 digits after the last separator: decimals; 3 digits: thousands unless the other separator came
            // first (1.234,567); 4 or more: decimals when it is the only separator of its kind (unit prices)
            boolean decimal = after.length() <= 2 || (after.length() == 3 ? otherBefore : !sameBefore);
            if (decimal) {
                decimals = after;
                s = s.substring(0, lastSep);
            }
        }
        String integer = s.replaceAll("[ .,'’\\u00a0\\u202f]", "");
        if (integer.isEmpty() || !integer.chars().allMatch(Character::isDigit) || !decimals.chars().allMatch(Character::isDigit)) {
            return null;
        }
        BigDecimal v = new BigDecimal(integer + (decimals.isEmpty() ? "" : "." + decimals));
        return negative ? v.negate() : v;
    }

    /** The currency shown in {@code text}: an ISO code, else a symbol; null when none. */
    static String currency(String text) {
        Matcher m = CODES.matcher(text.toUpperCase(Locale.ROOT));
        if (m.find()) {
            String c = m.group(1);
            return c.equals("RMB") ? "CNY" : c;
        }
        for (Map.Entry<String, String> e : SYMBOLS.entrySet()) {
            if (text.contains(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }
}
