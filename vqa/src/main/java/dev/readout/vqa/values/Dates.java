package dev.readout.vqa.values;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates in document text, to ISO-8601. Understood: {@code 2026-03-12}; {@code 12.03.2026} and {@code 12.03.26}
 * (day first, as in Europe); {@code 03/12/2026}: month first as in the US unless a part is over 12 or the caller
 * prefers day first ({@link Order#DAY_FIRST}, e.g. for a document in euros or pounds); {@code 12-03-2026} the same;
 * {@code 12 March 2026}, {@code 12. März 2026}, {@code March 12, 2026}, {@code 12 Mar 2026}, {@code 12-Mar-2026}
 * with English, German, French, Spanish, Italian and Dutch month names. Two-digit years are 20xx when ≤ 69, else
 * 19xx. {@link Parsed#ambiguous()} says when both day and month were ≤ 12 and the order was a preference.
 */
public final class Dates {
    /** Which part of a numeric d/m or m/d date comes first when nothing else tells. */
    public enum Order { MONTH_FIRST, DAY_FIRST }

    /** A date found in text, the text it was read from, and whether the day/month order was a guess. */
    public record Parsed(LocalDate date, String text, boolean ambiguous) {
        public String iso() {
            return date.toString();
        }
    }

    private static final Map<String, Integer> MONTHS = new HashMap<>();
    private static final Pattern ISO = Pattern.compile("(?<!\\d)(\\d{4})-(\\d{1,2})-(\\d{1,2})(?!\\d)");
    private static final Pattern NUMERIC = Pattern.compile("(?<![\\d.])(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4}(?=\\d{1,2}:\\d{2})|\\d{4}(?![\\d:])|\\d{2}(?=\\d{1,2}:\\d{2})|\\d{2}(?!\\d))");
    private static final Pattern DAY_MONTH_NAME = Pattern.compile("(?<!\\d)(\\d{1,2})(?:st|nd|rd|th|er|e)?\\.?[ -]?([\\p{L}]{3,10})\\.?,?[ -]?(\\d{4}(?=\\d{1,2}:\\d{2})|(?:\\d{4}|'?\\d{2})(?!\\d))");
    private static final Pattern MONTH_NAME_DAY = Pattern.compile("([\\p{L}]{3,10})\\.? (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})(?!\\d)");

    static {
        String[][] names = {
            {"january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "januari"},
            {"february", "feb", "februar", "février", "fevrier", "févr", "fev", "febrero", "febbraio", "februari"},
            {"march", "mar", "märz", "maerz", "mars", "marzo", "maart", "mrz"},
            {"april", "apr", "avril", "avr", "abril", "abr", "aprile"},
            {"may", "mai", "mayo", "maggio", "mag", "mei"},
            {"june", "jun", "juni", "juin", "junio", "giugno", "giu"},
            {"july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug"},
            {"august", "aug", "août", "aout", "agosto", "ago", "augustus"},
            {"september", "sep", "sept", "septembre", "septiembre", "settembre", "set"},
            {"october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott"},
            {"november", "nov", "novembre", "noviembre"},
            {"december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dicembre"}};
        for (int m = 0; m < 12; m++) {
            for (String n : names[m]) {
                MONTHS.put(n, m + 1);
            }
        }
    }

    private Dates() {
    }

    /** The first date in {@code text}, month first for ambiguous numeric dates. */
    public static Optional<Parsed> parse(String text) {
        return parse(text, Order.MONTH_FIRST);
    }

    /** The first date in {@code text}; {@code prefer} decides ambiguous numeric dates with slashes or dashes. */
    public static Optional<Parsed> parse(String text, Order prefer) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = ISO.matcher(text);
        if (m.find()) {
            Optional<LocalDate> d = date(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (d.isPresent()) {
                return Optional.of(new Parsed(d.get(), m.group(), false));
            }
        }
        m = DAY_MONTH_NAME.matcher(text);
        while (m.find()) {
            Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
            if (month != null) {
                Optional<LocalDate> d = date(year(m.group(3).replace("'", "")), month, Integer.parseInt(m.group(1)));
                if (d.isPresent()) {
                    return Optional.of(new Parsed(d.get(), m.group(), false));
                }
            }
        }
        m = MONTH_NAME_DAY.matcher(text);
        while (m.find()) {
            Integer month = MONTHS.get(m.group(1).toLowerCase(Locale.ROOT));
            if (month != null) {
                Optional<LocalDate> d = date(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(2)));
                if (d.isPresent()) {
                    return Optional.of(new Parsed(d.get(), m.group(), false));
                }
            }
        }
        m = NUMERIC.matcher(text);
        while (m.find()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(3));
            int y = year(m.group(4));
            boolean dots = m.group(2).equals(".");
            boolean dayFirst;
            boolean ambiguous = false;
            if (a > 12 && b <= 12) {
                dayFirst = true;
            } else if (b > 12 && a <= 12) {
                dayFirst = false;
            } else if (dots) {
                dayFirst = true;
            } else {
                dayFirst = prefer == Order.DAY_FIRST;
                ambiguous = a != b;
            }
            Optional<LocalDate> d = dayFirst ? date(y, b, a) : date(y, a, b);
            if (d.isPresent()) {
                return Optional.of(new Parsed(d.get(), m.group(), ambiguous));
            }
        }
        return Optional.empty();
    }

    private static int year(String y) {
        int v = Integer.parseInt(y);
        return y.length() == 2 ? (v <= 69 ? 2000 + v : 1900 + v) : v;
    }

    private static Optional<LocalDate> date(int y, int m, int d) {
        try {
            return Optional.of(LocalDate.of(y, m, d));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
