"""Marking what matched, on the original text: one highlighter for every backend.

The title and the body go through the analyser the index used (`search.analysis`); a stretch of
the original text is marked when one of its terms is a term the query asked for, or, for an
English word that tolerates a typo, one edit away from it (the rule Elasticsearch's fuzzy query
applies). Both backends therefore show the same marks, on the words as written: 보관소를 shows
보관소 marked and 를 not, "fountains" is marked for the query "fountain".
"""

from __future__ import annotations

from dataclasses import dataclass

from search.analysis import analyse, fuzzy_matches
from search.backends.base import EXCERPT_CHARS, MARK_END, MARK_START, RawHit
from search.query import ParsedQuery

CHUNK_CHARS = 1_000  # the body is analysed a chunk at a time until the first match ...
SCAN_CHARS = 6_000  # ... up to this far; a match further in gets the plain opening as excerpt


@dataclass(frozen=True)
class Matcher:
    terms: frozenset[str]
    fuzzy: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.terms or self.fuzzy)

    def matches(self, term: str) -> bool:
        if term in self.terms:
            return True
        return term.isascii() and any(fuzzy_matches(stem, term) for stem in self.fuzzy)

    def spans(self, text: str, *, offset: int = 0) -> list[tuple[int, int]]:
        """Matching stretches of the text, merged where they touch (한강 + 공원 → 한강공원)."""
        found = sorted(
            (offset + a, offset + b)
            for token in analyse(text).tokens
            if self.matches(token.term)
            for a, b in token.spans
        )
        merged: list[tuple[int, int]] = []
        for a, b in found:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        return merged


def matcher_for(query: ParsedQuery) -> Matcher:
    return Matcher(terms=query.terms, fuzzy=tuple(c.fuzzy for c in query.clauses if c.fuzzy))


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out, pos = [], start
    for a, b in spans:
        if a < start or b > end:
            continue
        out += [text[pos:a], MARK_START, text[a:b], MARK_END]
        pos = b
    out.append(text[pos:end])
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")


def mark_text(text: str, matcher: Matcher) -> str | None:
    """The whole text with its matches marked, or None if nothing in it matched."""
    if not text or not matcher:
        return None
    spans = matcher.spans(text)
    return _render(text, spans, 0, len(text)) if spans else None


def _chunks(text: str, size: int, limit: int):
    start = 0
    while start < min(len(text), limit):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind(" ", start + size // 2, end)
            end = cut if cut > start else end
        yield start, end
        start = end


def mark_excerpt(text: str, matcher: Matcher, *, window: int = EXCERPT_CHARS) -> str | None:
    """A window of the text around its first match, matches marked; None if none matched."""
    if not text or not matcher:
        return None
    if len(text) <= window:
        return mark_text(text, matcher)
    first = None
    for a, b in _chunks(text, CHUNK_CHARS, SCAN_CHARS):
        spans = matcher.spans(text[a:b], offset=a)
        if spans:
            first = spans[0]
            break
    if first is None:
        return None
    start = max(0, first[0] - window // 4)
    if start:
        start = text.rfind(" ", 0, start) + 1
    end = min(len(text), start + window)
    if end < len(text) and " " in text[start:end]:
        end = text.rfind(" ", start, end)
    return _render(text, matcher.spans(text[start:end], offset=start), start, end)


def mark_hits(hits: list[RawHit], query: ParsedQuery) -> None:
    """Fill in the marked title and excerpt of each hit (in place)."""
    matcher = matcher_for(query)
    if not matcher:
        return
    for hit in hits:
        hit.title_marked = mark_text(hit.doc.get("title", ""), matcher)
        hit.excerpt_marked = mark_excerpt(hit.doc.get("body", ""), matcher)
