"""Turning what a citizen typed into a safe, backend-neutral query.

Both backends receive the same parsed query: clauses (every one must match, in any field) and
quoted phrases, all in index terms produced by `search.analysis`, the analyser the documents went
through. Nothing a user types is ever passed on as query syntax, so quotes, operators, control
characters or 10 kB of text cannot cause an error.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from search import analysis
from search.analysis import STOP_WORDS, Clause

__all__ = ["STOP_WORDS", "Clause", "ParsedQuery", "SuggestQuery", "clean_text", "parse_query"]

MAX_QUERY_CHARS = 256
MAX_CLAUSES = 32  # a long Korean noun is a few clauses (one per syllable bigram)
MAX_PHRASES = 8
MAX_PHRASE_TERMS = 16
MAX_SIMILAR_TERMS = 25
MAX_SIMILAR_INPUT = 4_000

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


@dataclass(frozen=True)
class ParsedQuery:
    text: str = ""
    clauses: tuple[Clause, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return not self.clauses and not self.phrases

    @property
    def terms(self) -> frozenset[str]:
        """Every index term the query asks for (typo expansions aside): what highlights mark."""
        return frozenset(t for c in self.clauses for t in c.alternatives) | frozenset(
            t for p in self.phrases for t in p if t not in STOP_WORDS
        )


def parse_query(raw: str | None) -> ParsedQuery:
    """Words must all match; "quoted words" must appear together. Stop words are ignored."""
    text = " ".join(clean_text(raw, limit=MAX_QUERY_CHARS).split())
    phrases: list[tuple[str, ...]] = []

    def take_phrase(match: re.Match) -> str:
        terms = analysis.phrase_terms(match.group(1))
        if len([t for t in terms if t not in STOP_WORDS]) >= 1 and len(phrases) < MAX_PHRASES:
            if len(terms) == 1:
                return " " + match.group(1) + " "  # a quoted single word is just a word
            if terms[:MAX_PHRASE_TERMS] not in phrases:
                phrases.append(terms[:MAX_PHRASE_TERMS])
        return " "

    rest = _PHRASE.sub(take_phrase, text)
    clauses = analysis.query_clauses(rest)[:MAX_CLAUSES]
    return ParsedQuery(text=text, clauses=tuple(clauses), phrases=tuple(phrases))


def similar_terms(title: str, body: str = "") -> list[str]:
    """The terms that characterise a draft idea (title first), for "similar ideas"."""
    text = clean_text(f"{title or ''} {body or ''}", limit=MAX_SIMILAR_INPUT)
    return analysis.similar_terms(text, limit=MAX_SIMILAR_TERMS)


@dataclass(frozen=True)
class SuggestQuery:
    """Autocomplete: the words typed before the last must match a title (as clauses); the last,
    still being typed, must begin one of the title's words or terms (any of `prefixes`)."""

    clauses: tuple[Clause, ...] = ()
    prefixes: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.prefixes


def parse_suggest(raw: str | None) -> SuggestQuery:
    text = clean_text(raw, limit=100)
    words = analysis.words_with_spans(text)
    if not words:
        return SuggestQuery()
    start, _end, last = words[-1]
    clauses = analysis.query_clauses(text[:start])[:MAX_CLAUSES]
    return SuggestQuery(clauses=tuple(clauses), prefixes=analysis.prefix_forms(last))
