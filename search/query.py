"""Turning what a citizen typed into a safe, backend-neutral query.

Both backends receive the same parsed query: a list of words (all must match, in any
field) and quoted phrases. Nothing a user types is ever passed on as query syntax, so
quotes, operators, control characters or 10 kB of text cannot cause an error.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_CHARS = 256
MAX_TERMS = 16
MAX_SIMILAR_TERMS = 25
MAX_SIMILAR_INPUT = 4_000

# Lucene's English stop words: Elasticsearch's `_english_` set, used by the mapping.
STOP_WORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their then there "
    "these they this to was will with".split()
)

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]*)"')
_CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn"}


def clean_text(text: str | None, *, limit: int | None = None) -> str:
    """Drop control/format/unassigned characters (keeps tab/newline as spaces), NFC-normalise."""
    if not text:
        return ""
    if limit is not None:
        text = text[: limit * 2]
    text = unicodedata.normalize("NFC", str(text))
    out = []
    for ch in text:
        if ch in "\t\n\r":
            out.append(" ")
        elif unicodedata.category(ch) not in _CONTROL:
            out.append(ch)
    cleaned = "".join(out)
    return cleaned[:limit] if limit is not None else cleaned


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters/digits of any script), in order."""
    return [w.lower() for w in _WORD.findall(text)]


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lower-cased word) for every word in the text."""
    return [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOP_WORDS]


@dataclass(frozen=True)
class ParsedQuery:
    text: str = ""
    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases


def parse_query(raw: str | None) -> ParsedQuery:
    """Words must all match; "quoted words" must appear together. Stop words are ignored."""
    text = " ".join(clean_text(raw, limit=MAX_QUERY_CHARS).split())
    phrases: list[tuple[str, ...]] = []
    budget = MAX_TERMS

    def take_phrase(match: re.Match) -> str:
        nonlocal budget
        tokens = tuple(words(match.group(1)))
        if len([t for t in tokens if t not in STOP_WORDS]) >= 1 and budget > 0:
            if len(tokens) == 1:
                return " " + tokens[0] + " "
            phrases.append(tokens[:MAX_TERMS])
            budget -= 1
        return " "

    rest = _PHRASE.sub(take_phrase, text)
    terms: list[str] = []
    for w in content_words(rest):
        if w not in terms and len(terms) < budget:
            terms.append(w)
    return ParsedQuery(text=text, terms=tuple(terms), phrases=tuple(phrases))


def similar_terms(title: str, body: str = "") -> list[str]:
    """The words that characterise a draft idea (title first), for "similar ideas"."""
    text = clean_text(f"{title or ''} {body or ''}", limit=MAX_SIMILAR_INPUT)
    seen: list[str] = []
    for w in content_words(text):
        if len(w) >= 2 and w not in seen:
            seen.append(w)
        if len(seen) >= MAX_SIMILAR_TERMS:
            break
    return seen


def suggest_prefix(raw: str | None) -> str:
    return " ".join(words(clean_text(raw, limit=100)))[:100]
