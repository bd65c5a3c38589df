"""What the review writes on an idea's public timeline is stored untranslated (English msgids and
their values) whatever language the person acting reads, and shown in each reader's language.

The Korean wording comes with the catalogue (locale/ko): the assertion that looks for Hangul
passes once it is filled.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from ideas.models import TimelineEvent
from workflows.models import Stage

pytestmark = pytest.mark.django_db

HANGUL = re.compile("[가-힣]")


def _lines(idea) -> list[TimelineEvent]:
    return list(idea.timeline.filter(kind=TimelineEvent.Kind.STAGE).exclude(wording=""))


def test_korean_coordinators_timeline_lines_can_be_read_in_english(review_world):
    w = review_world
    with translation.override("ko"):  # the coordinator and the experts read Korean
        w.screen_for_review()
        w.submit_all_reviews()
    assert w.process.stage == Stage.AWAITING_DECISION
    assert w.process.office == w.department.name

    lines = _lines(w.idea)
    stored = " ".join(f"{e.office} {e.wording}" for e in lines)
    assert not HANGUL.search(stored)
    assert "Review coordinators Responsible department: %(name)s." in stored
    with translation.override("en"):
        shown = [e.wording_text for e in lines]
    assert f"Responsible department: {w.department.name}." in shown
    assert "Both panels have reviewed the idea; awaiting the department's decision." in shown
    assert any(text.startswith("An expert of the ") and text.endswith("(2 of 2).") for text in shown)


def test_korean_reader_can_read_the_reviews_timeline_lines_in_korean(review_world):
    w = review_world
    w.screen_for_review()
    w.submit_all_reviews()
    with translation.override("ko"):
        for event in _lines(w.idea):
            assert HANGUL.search(event.wording_text), event.wording
