"""Text into index terms: one analyser for documents and queries, for every backend.

Elasticsearch indexes these terms with its `whitespace` analyzer and the embedded backend stores
the very same strings, so both match the same terms; `search.highlight` marks the original text
through the same analysis. Each word is analysed by its script:

* **Hangul**: Kiwi morphology (kiwipiepy). Content morphemes become terms (nouns, verb and
  adjective stems, roots, foreign words, numbers); particles and endings are dropped, so
  보관소를 and 보관소 index alike. Kiwi splits most compounds whether or not they are spaced
  (한강공원 and 한강 공원 both give 한강 공원); for each run of adjacent nouns the joined forms
  are added as extras (한강공원, 자전거도로), so a compound Kiwi keeps whole (횡단보도) still meets
  its spaced form (횡단 보도). Nouns of three syllables or more add their syllable bigrams
  (공중화장실 → 공중 중화 화장 장실), so a query for 화장실 finds the longer word.
* **Latin letters**: lower-cased, Snowball English stems (PyStemmer): fountains → fountain,
  cycling → cycl. Stems of five letters or more tolerate one typo at query time. Hyphenated
  words also index joined (Wi-Fi → wi fi + wifi), as Korean compounds do.
* **Anything else** (digits, other scripts): lower-cased as written.

A field's index string is its primary stream (one term per word or morpheme, in text order,
English stop words kept so quoted phrases match by position) followed by the extras.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import Stemmer

# Lucene's English stop words (Elasticsearch's `_english_`): indexed, never a query clause.
STOP_WORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their then there "
    "these they this to was will with".split()
)
MAX_TERM_CHARS = 64  # longer "words" are noise (and would not fit the vocabulary column)
FUZZY_MIN_CHARS = 5  # stems this long tolerate one typo (fountian → fountain)
FUZZY_MAX_CHARS = 30
JOIN_MAX_PARTS = 3  # joined forms of up to three adjacent nouns: 어린이 보호 구역 → 어린이보호구역
BIGRAM_MIN_SYLLABLES = 3

_WORD = re.compile(r"[^\W_]+")
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
_SCRIPT_PIECE = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+|[^\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+")
_HYPHENS = {"-", "\u2010", "\u2011"}  # words joined by one of these also index as one word: wi-fi → wifi
_LATIN_MAX = 0x24F  # Basic Latin up to Latin Extended-B: words the English stemmer may touch

# Kiwi tags (Sejong tag set) by role.
_NOUNS = {"NNG", "NNP"}
_STEMS = {"VV", "VA", "XR"}
_FOREIGN = {"SL", "SH", "SN"}
_RUN_SUFFIXES = {"XSN"}  # 음수 + 대: part of a joined form, never a term on its own
_MISREAD = {"IC", "UN", "NA"}  # interjection, unknown: what Kiwi says of a noun it cannot place
# Stems too common or too grammatical to search for (하다, 되다, 있다, 없다, 않다, 이다, 아니다).
_STEM_STOPS = {"하", "되", "있", "없", "않", "이", "아니"}

_kiwi: Any = None
_kiwi_lock = threading.Lock()
_tokenize_lock = threading.Lock()
_local = threading.local()


def kiwi() -> Any:
    """The process's Kiwi, loaded on first use (about 1.5 s and 300 MB), then shared by threads."""
    global _kiwi
    if _kiwi is None:
        with _kiwi_lock:
            if _kiwi is None:
                # Imported here: a site whose text never contains Hangul never pays for it.
                from kiwipiepy import Kiwi

                # The typo and multi-word dictionaries cost ~180 MB and change none of our terms.
                _kiwi = Kiwi(num_workers=-1, load_typo_dict=False, load_multi_dict=False)
    return _kiwi


def kiwi_loaded() -> bool:
    return _kiwi is not None


def _stemmer() -> Stemmer.Stemmer:
    # PyStemmer objects are not thread-safe: one per thread (they are tiny).
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer


def has_hangul(text: str) -> bool:
    return _HANGUL.search(text) is not None


@dataclass(slots=True)
class Token:
    """One index term and the stretches of the original text it stands for."""

    term: str
    spans: tuple[tuple[int, int], ...]
    extra: bool = False  # a joined compound or a bigram: indexed after the stream
    stop: bool = False  # an English stop word: indexed, never a query clause
    fuzzy: bool = False  # an English stem long enough to tolerate one typo
    joins: tuple[str, ...] = ()  # joined forms this noun is part of (query alternatives)
    bigrams: tuple[str, ...] = ()  # syllable bigrams of a long noun (query alternatives)
    kind: str = field(default="word")  # word | morph | join | bigram

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def _word_token(word: str, start: int, end: int) -> Token | None:
    low = word.lower()
    if not low or len(low) > MAX_TERM_CHARS:
        return None
    if low.isalpha() and max(map(ord, low)) <= _LATIN_MAX:
        stem = _stemmer().stemWord(low)
        fuzzy = low.isascii() and FUZZY_MIN_CHARS <= len(stem) <= FUZZY_MAX_CHARS and low not in STOP_WORDS
        return Token(stem, ((start, end),), stop=low in STOP_WORDS, fuzzy=fuzzy)
    return Token(low, ((start, end),))


def _bigrams(term: str) -> tuple[str, ...]:
    if len(term) < BIGRAM_MIN_SYLLABLES or not _HANGUL_WORD.fullmatch(term):
        return ()
    return tuple(dict.fromkeys(term[i : i + 2] for i in range(len(term) - 1)))


def _korean_tokens(text: str, words: list[tuple[int, int]], *, query: bool) -> list[Token]:
    """Kiwi's content morphemes of the Hangul in the stretch from the first to the last of
    `words` (the words holding Hangul), then joined forms and bigrams.

    Kiwi reads the whole stretch (it needs the context) but only morphemes written in Hangul are
    taken: the words in other scripts have been analysed as words of their own. A query has
    little context: a query word Kiwi reads as interjections and adverbs only (그늘막 → 그 늘 막)
    is taken as the noun it almost certainly is."""
    start, end = words[0][0], words[-1][1]
    analyser = kiwi()
    with _tokenize_lock:  # Kiwi holds the GIL while it works anyway: the lock costs nothing
        morphs = analyser.tokenize(text[start:end], match_options=0)  # no URL/hashtag/serial merging
    primary: list[Token] = []
    extras: list[Token] = []
    run: list[tuple[Token | None, str, tuple[int, int]]] = []  # (primary token or None, form, span)

    def close_run() -> None:
        for size in range(2, JOIN_MAX_PARTS + 1):
            for i in range(len(run) - size + 1):
                window = run[i : i + size]
                if window[0][0] is None:  # a suffix never starts a compound
                    continue
                joined = "".join(form for _t, form, _s in window)
                if len(joined) > MAX_TERM_CHARS:
                    continue
                extras.append(Token(joined, tuple(s for _t, _f, s in window), extra=True, kind="join"))
                for part, _f, _s in window:
                    if part is not None and joined not in part.joins:
                        part.joins += (joined,)
        run.clear()

    for m in morphs:
        tag = m.tag.split("-")[0]  # VV-R / VV-I: regular or irregular, the same stem
        a = start + m.start
        span = (a, a + m.len)
        form = m.form
        if not has_hangul(text[span[0] : span[1]]):
            close_run()  # Latin, digits, punctuation: a compound does not reach across them
            continue
        if tag in _NOUNS:
            token = Token(form, (span,), kind="morph", bigrams=_bigrams(form))
            primary.append(token)
            run.append((token, form, span))
            if form == text[span[0] : span[1]]:  # bigram spans need the noun as written
                for i, bigram in enumerate(token.bigrams):
                    extras.append(Token(bigram, ((a + i, a + i + 2),), extra=True, kind="bigram"))
            else:
                extras += [Token(bigram, (span,), extra=True, kind="bigram") for bigram in token.bigrams]
            continue
        if tag in _RUN_SUFFIXES and run:
            run.append((None, form, span))
            continue
        close_run()
        if tag == "NNB" and len(form) >= 2:  # dependent nouns: 시간 in 24시간, not 것 or 수
            primary.append(Token(form, (span,), kind="morph"))
        elif tag in _STEMS and form not in _STEM_STOPS:
            primary.append(Token(form, (span,), kind="morph"))
    close_run()
    if query:
        for a, b in words:
            tags = [m.tag for m in morphs if a <= start + m.start < b and has_hangul(m.form)]
            if any(t in _MISREAD for t in tags) and all(t in _MISREAD or t == "MAG" for t in tags):
                for piece in _SCRIPT_PIECE.finditer(text[a:b]):
                    if has_hangul(piece.group()):
                        noun = piece.group()
                        span = (a + piece.start(), a + piece.end())
                        primary.append(Token(noun, (span,), kind="morph", bigrams=_bigrams(noun)))
    return primary + extras


@dataclass
class Analysis:
    tokens: list[Token]

    @property
    def primary(self) -> list[Token]:
        return [t for t in self.tokens if not t.extra]

    @property
    def extras(self) -> list[Token]:
        return [t for t in self.tokens if t.extra]

    def index_string(self) -> str:
        """What a backend indexes: the primary stream in order, then the extras."""
        return " ".join([t.term for t in self.primary] + [t.term for t in self.extras])


def analyse(text: str, *, query: bool = False) -> Analysis:
    """Index terms of a text, with where each comes from (`query`: the text is a query).

    Words are split by script first (wifi를 → wifi + 를, 5호선 → 5 + 호선): Hangul goes to Kiwi,
    everything else is analysed word by word, so an English word gives the same term in an
    English idea and in a Korean one."""
    if not text:
        return Analysis([])
    primary: list[Token] = []
    extras: list[Token] = []
    hangul: list[tuple[int, int]] = []
    hyphenated: list[tuple[Token, str]] = []  # the parts of wi-fi, e-mail, semi-basement so far

    def close_hyphenated() -> None:
        if 2 <= len(hyphenated) <= JOIN_MAX_PARTS + 1:
            raw = "".join(word for _t, word in hyphenated)
            joined = _word_token(raw, hyphenated[0][0].start, hyphenated[-1][0].end)
            if joined is not None:
                joined.extra, joined.kind, joined.fuzzy = True, "join", False
                joined.spans = tuple(t.spans[0] for t, _w in hyphenated)
                extras.append(joined)
                for part, _w in hyphenated:
                    part.joins += (joined.term,)
        hyphenated.clear()

    for m in _WORD.finditer(text):
        for piece in _SCRIPT_PIECE.finditer(m.group()):
            a, b = m.start() + piece.start(), m.start() + piece.end()
            if has_hangul(piece.group()):
                hangul.append((m.start(), m.end()))  # Kiwi reads the whole word: Fi를 needs its Fi
                close_hyphenated()
                continue
            token = _word_token(piece.group(), a, b)
            if token is None:
                continue
            if not (hyphenated and text[hyphenated[-1][0].end : a] in _HYPHENS):
                close_hyphenated()
            hyphenated.append((token, piece.group()))
            primary.append(token)
    close_hyphenated()
    if hangul:
        for token in _korean_tokens(text, list(dict.fromkeys(hangul)), query=query):
            (extras if token.extra else primary).append(token)
        primary.sort(key=lambda t: t.start)  # one stream in text order, whatever the script
    return Analysis(primary + extras)


def index_terms(text: str) -> str:
    return analyse(text).index_string()


# ---- queries -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    """One thing a match needs: any of the alternative terms, or (with `fuzzy`) any term one
    typo away from that stem. A query matches a document that satisfies every clause."""

    alternatives: tuple[str, ...]
    fuzzy: str = ""


def query_clauses(text: str) -> list[Clause]:
    """The clauses for the words of a query, in order, without duplicates.

    A noun also accepts the joined forms it is part of (지하철 역 finds 지하철역). A long noun
    becomes one clause per syllable bigram, each also satisfied by the whole noun, so 화장실 finds
    공중화장실 (whose bigrams include 화장 and 장실) as well as 화장실 itself.
    """
    clauses: list[Clause] = []
    for token in analyse(text, query=True).primary:
        if token.stop:
            continue
        alternatives = (token.term, *token.joins)
        if token.bigrams:
            candidates = [Clause((*alternatives, bigram)) for bigram in token.bigrams]
        else:
            candidates = [Clause(alternatives, fuzzy=token.term if token.fuzzy else "")]
        for clause in candidates:
            if clause not in clauses:
                clauses.append(clause)
    return clauses


def phrase_terms(text: str) -> tuple[str, ...]:
    """The primary stream of a quoted phrase: what must appear in this order, side by side."""
    return tuple(t.term for t in analyse(text, query=True).primary)


def similar_terms(text: str, *, limit: int) -> list[str]:
    """Distinct characteristic terms of a draft (primary terms and joined compounds, no bigrams)."""
    seen: dict[str, None] = {}
    for token in analyse(text).tokens:
        if token.stop or token.kind == "bigram" or (len(token.term) < 2 and not has_hangul(token.term)):
            continue
        seen.setdefault(token.term)
        if len(seen) >= limit:
            break
    return list(seen)


def suggest_terms(title: str, analysed: Analysis | None = None) -> str:
    """What a title offers to autocomplete: its surface words (for prefixes of unstemmed words
    and of whole Korean words) and all its index terms (morphemes, joined forms, bigrams).
    `analysed`: the title's analysis, if already made."""
    surface = [w.lower() for w in _WORD.findall(title) if len(w) <= MAX_TERM_CHARS]
    terms = [t.term for t in (analysed or analyse(title)).tokens]
    return " ".join(dict.fromkeys(surface + terms))


def prefix_forms(word: str) -> tuple[str, ...]:
    """What the word being typed may be the start of: itself, lower-cased, and its analysed form
    (a stem, or a Korean word without its particle: 공원에 → 공원)."""
    low = word.lower()[:MAX_TERM_CHARS]
    forms = [low]
    analysed = analyse(word, query=True).primary
    if analysed:
        forms.append("".join(t.term for t in analysed)[:MAX_TERM_CHARS])
    return tuple(f for f in dict.fromkeys(forms) if f)


def words_with_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) for the words of a text, as the analyser splits them."""
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


# ---- one typo ----------------------------------------------------------------------------------


def one_edit_apart(a: str, b: str) -> bool:
    """True if a and b differ by at most one insertion, deletion, substitution or transposition
    of neighbours (Elasticsearch's `fuzziness: 1` with transpositions)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True  # one substitution
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return a[i:] == b[i + 1 :]  # one insertion into the shorter


def fuzzy_matches(stem: str, term: str) -> bool:
    """Whether an index term counts as the stem with one typo: same first letter (Elasticsearch's
    `prefix_length: 1`, which also keeps the candidate set small) and one edit apart."""
    return bool(stem) and bool(term) and term[0] == stem[0] and one_edit_apart(stem, term)


def vocabulary_terms(strings: Iterable[str]) -> set[str]:
    """The terms of index strings that a fuzzy query could ever reach (ASCII, 4+ characters)."""
    out: set[str] = set()
    for s in strings:
        for term in s.split():
            if FUZZY_MIN_CHARS - 1 <= len(term) <= FUZZY_MAX_CHARS + 1 and term.isascii() and term.isalnum():
                out.add(term)
    return out
