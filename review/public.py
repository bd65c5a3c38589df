"""What the public (pages and API) may see of an idea's review. Filled in by the review workflow."""

from __future__ import annotations

from typing import Any

from ideas.models import Idea


def idea_public_review(idea: Idea) -> dict[str, Any] | None:
    """Current stage, holder office, verdict and implementation status; None before review starts."""
    return None
