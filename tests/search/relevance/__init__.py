"""The judged relevance set (`judged.json`) and its score: recall@10 per query language.

Each query lists the ideas a citizen must find among the first ten results. A query's recall is
the share of those it finds; a language's score is the mean over its queries. The test
(`test_search_meets_the_judged_relevance_set.py`) and the benchmark (`bench/relevance.py`) both
score with `score()`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

JUDGED = Path(__file__).with_name("judged.json")
K = 10
TARGET = 0.9


def load() -> dict[str, Any]:
    return json.loads(JUDGED.read_text(encoding="utf-8"))


@dataclass
class Score:
    lang: str
    queries: int = 0
    recall_sum: float = 0.0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.recall_sum / self.queries if self.queries else 0.0

    def report(self) -> str:
        lines = [f"{self.lang}: recall@{K} {self.recall:.3f} over {self.queries} queries"]
        return "\n".join(lines + [f"  missed {m}" for m in self.misses])


def score(search: Callable[[str], list[str]], queries: list[dict[str, Any]] | None = None) -> dict[str, Score]:
    """Run every judged query through `search` (query -> keys of the ranked ideas) and score it."""
    scores: dict[str, Score] = {}
    for judged in queries if queries is not None else load()["queries"]:
        found = search(judged["q"])[:K]
        must = judged["must"]
        hit = [key for key in must if key in found]
        s = scores.setdefault(judged["lang"], Score(judged["lang"]))
        s.queries += 1
        s.recall_sum += len(hit) / len(must)
        if len(hit) < len(must):
            s.misses.append(f"{judged['q']!r} ({judged['why']}): {sorted(set(must) - set(hit))}, got {found}")
    return scores
