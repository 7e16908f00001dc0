package dev.readout.layout.tokenizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BERT's uncased WordPiece tokenizer, the same algorithm as {@code training/wordpiece.py}: clean the text
 * (drop control characters, whitespace to spaces), lower-case, strip accents (NFD, drop combining marks),
 * split on whitespace and around every punctuation character and CJK ideograph, then greedy
 * longest-match-first WordPiece with the {@code ##} continuation prefix; a word longer than 100 characters
 * or with no match becomes {@code [UNK]}. Immutable and thread-safe.
 */
public final class WordPieceTokenizer {
    public static final String UNK = "[UNK]";
    public static final String CLS = "[CLS]";
    public static final String SEP = "[SEP]";
    public static final String PAD = "[PAD]";
    private static final int MAX_CHARS_PER_WORD = 100;

    private final Map<String, Integer> vocab;
    private final boolean lowerCase;

    public WordPieceTokenizer(Map<String, Integer> vocab, boolean lowerCase) {
        this.vocab = Map.copyOf(vocab);
        this.lowerCase = lowerCase;
        for (String special : List.of(UNK, CLS, SEP, PAD)) {
            if (!vocab.containsKey(special)) {
                throw new IllegalArgumentException("vocabulary lacks " + special);
            }
        }
    }

    /** Reads a {@code vocab.txt} (one token a line, id = line number from 0). */
    public static WordPieceTokenizer fromVocab(InputStream vocabTxt, boolean lowerCase) throws IOException {
        Map<String, Integer> v = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(vocabTxt, StandardCharsets.UTF_8))) {
            String line;
            int id = 0;
            while ((line = r.readLine()) != null) {
                v.putIfAbsent(line.strip(), id++);
            }
        }
        return new WordPieceTokenizer(v, lowerCase);
    }

    public int id(String token) {
        Integer i = vocab.get(token);
        return i != null ? i : vocab.get(UNK);
    }

    public int size() {
        return vocab.size();
    }

    /** Word pieces of one word (which may itself split on punctuation), never empty. */
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        for (String word : basicTokens(text)) {
            wordPieces(word, out);
        }
        if (out.isEmpty()) {
            out.add(UNK);
        }
        return out;
    }

    /** Ids of {@link #tokenize}. */
    public int[] ids(String text) {
        List<String> t = tokenize(text);
        int[] ids = new int[t.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(t.get(i));
        }
        return ids;
    }

    List<String> basicTokens(String text) {
        StringBuilder clean = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                continue;
            }
            if (isCjk(cp)) {
                clean.append(' ').appendCodePoint(cp).append(' ');
            } else {
                clean.appendCodePoint(isWhitespace(cp) ? ' ' : cp);
            }
        }
        String s = clean.toString();
        if (lowerCase) {
            s = s.toLowerCase(java.util.Locale.ROOT);
            s = Normalizer.normalize(s, Normalizer.Form.NFD);
            StringBuilder noMarks = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                i += Character.charCount(cp);
                if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                    noMarks.appendCodePoint(cp);
                }
            }
            s = noMarks.toString();
        }
        List<String> out = new ArrayList<>();
        for (String w : s.trim().split(" +")) {
            if (w.isEmpty()) {
                continue;
            }
            StringBuilder cur = new StringBuilder();
            for (int i = 0; i < w.length(); ) {
                int cp = w.codePointAt(i);
                i += Character.charCount(cp);
                if (isPunctuation(cp)) {
                    if (!cur.isEmpty()) {
                        out.add(cur.toString());
                        cur.setLength(0);
                    }
                    out.add(new String(Character.toChars(cp)));
                } else {
                    cur.appendCodePoint(cp);
                }
            }
            if (!cur.isEmpty()) {
                out.add(cur.toString());
            }
        }
        return out;
    }

    private void wordPieces(String word, List<String> out) {
        if (word.codePointCount(0, word.length()) > MAX_CHARS_PER_WORD) {
            out.add(UNK);
            return;
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            String found = null;
            while (start < end) {
                String sub = (start > 0 ? "##" : "") + word.substring(start, end);
                if (vocab.containsKey(sub)) {
                    found = sub;
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (found == null) {
                out.add(UNK);
                return;
            }
            pieces.add(found);
            start = end;
        }
        out.addAll(pieces);
    }

    /**
     * Python's view: the cleaning step maps space, tab, CR, LF and category Zs to a space, and {@code str.split()}
     * also splits on Zl and Zp (other white space there is a control character, dropped before).
     */
    static boolean isWhitespace(int cp) {
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.SPACE_SEPARATOR || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int t = Character.getType(cp);
        return t == Character.CONTROL || t == Character.FORMAT;
    }

    static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION || t == Character.START_PUNCTUATION
                || t == Character.END_PUNCTUATION || t == Character.INITIAL_QUOTE_PUNCTUATION
                || t == Character.FINAL_QUOTE_PUNCTUATION || t == Character.OTHER_PUNCTUATION;
    }

    private static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
