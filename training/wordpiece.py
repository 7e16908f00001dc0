"""Pure-Python BERT WordPiece tokenizer (uncased), equivalent to HF BertTokenizer(do_lower_case=True).

The Java side implements the same algorithm; training/README.md ("Tokenizer") is the normative description.
"""
import unicodedata


def load_vocab(path):
    vocab = {}
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            tok = line.rstrip("\n")
            if tok not in vocab:
                vocab[tok] = i
    return vocab


def _is_whitespace(ch):
    if ch in (" ", "\t", "\n", "\r"):
        return True
    return unicodedata.category(ch) == "Zs"


def _is_control(ch):
    if ch in ("\t", "\n", "\r"):
        return False
    return unicodedata.category(ch) in ("Cc", "Cf")


def _is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


class WordPiece:
    def __init__(self, vocab_path, lower_case=True, max_chars_per_word=100):
        self.vocab = load_vocab(vocab_path)
        self.lower_case = lower_case
        self.max_chars = max_chars_per_word
        self.unk_id = self.vocab["[UNK]"]
        self.cls_id = self.vocab["[CLS]"]
        self.sep_id = self.vocab["[SEP]"]
        self.pad_id = self.vocab["[PAD]"]
        self._cache = {}

    def basic_tokens(self, text):
        # 1. clean: drop NUL, U+FFFD and control chars; every whitespace char becomes a space
        out = []
        for ch in text:
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or _is_control(ch):
                continue
            out.append(" " if _is_whitespace(ch) else ch)
        # 2. spaces around CJK ideographs
        text = "".join(f" {c} " if _is_cjk(ord(c)) else c for c in out)
        tokens = []
        # 3. whitespace split; 4. lower-case + NFD + drop Mn (accents); 5. split off every punctuation char
        for tok in text.split():
            if self.lower_case:
                tok = tok.lower()
                tok = "".join(c for c in unicodedata.normalize("NFD", tok) if unicodedata.category(c) != "Mn")
            cur = []
            for c in tok:
                if _is_punctuation(c):
                    if cur:
                        tokens.append("".join(cur))
                        cur = []
                    tokens.append(c)
                else:
                    cur.append(c)
            if cur:
                tokens.append("".join(cur))
        return tokens

    def wordpiece(self, token):
        # 6. greedy longest-match-first; continuation pieces carry '##'; any unmatched remainder -> one [UNK]
        if len(token) > self.max_chars:
            return [self.unk_id]
        ids, start = [], 0
        while start < len(token):
            end, found = len(token), None
            while start < end:
                piece = token[start:end]
                if start > 0:
                    piece = "##" + piece
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                return [self.unk_id]
            ids.append(found)
            start = end
        return ids

    def encode_word(self, word):
        """Token ids of one OCR word (its text tokenized on its own). A word that yields no tokens -> [UNK]."""
        if word in self._cache:
            return self._cache[word]
        ids = [i for t in self.basic_tokens(word) for i in self.wordpiece(t)]
        if not ids:
            ids = [self.unk_id]
        self._cache[word] = ids
        return ids
