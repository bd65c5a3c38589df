"""The BPMN diagram is drawn per request, so its labels (task titles, the gateways' yes/no, the
process description) are in the reader's language.

The Korean wording comes with the catalogue (locale/ko): the test that looks for Hangul passes
once it is filled; the other checks the labels are whatever the active language says now.
"""

from __future__ import annotations

import re
from textwrap import wrap

import pytest
from django.utils import translation

from core.language import set_user_language
from workflows.diagrams import BRANCH_LABELS
from workflows.flows import IdeaReviewFlow

pytestmark = pytest.mark.django_db

HANGUL = re.compile("[가-힣]")


def _labels(svg: str) -> str:
    """The words drawn in the diagram (its text and tooltips), not its styles."""
    return " ".join(re.findall(r"<(?:text|title)[^>]*>([^<]*)</(?:text|title)>", svg))


def _expected(language: str) -> list[str]:
    """What the active language makes of each node's title and branch label, as viewflow draws it."""
    with translation.override(language):
        words = []
        for node in IdeaReviewFlow.instance.nodes():
            title = str(node.task_title)
            drawn_in_a_box = getattr(node, "shape", {}).get("text-align") == "middle"
            words.append(wrap(title, 20)[0].title() if drawn_in_a_box else title)
        words += [str(label) for label in BRANCH_LABELS.values()]
    return words


@pytest.mark.parametrize("language", ["en", "ko"])
def test_coordinator_can_read_the_diagram_in_their_language(review_world, client_for, language):
    w = review_world
    set_user_language(w.coordinator, language)
    client = client_for(w.coordinator)
    for url in ("/workflows/", f"/workflows/processes/{w.process.pk}/"):
        html = client.get(url).content.decode()
        assert f'<html lang="{language}">' in html
        drawn = _labels(html.split("<svg", 1)[1])
        for word in _expected(language):
            assert word in drawn, word


def test_korean_coordinator_can_read_the_diagram_in_korean(review_world, client_for):
    w = review_world
    set_user_language(w.coordinator, "ko")
    html = client_for(w.coordinator).get("/workflows/").content.decode()
    drawn = _labels(html.split("<svg", 1)[1])
    assert HANGUL.search(drawn)
    for english in ("Screen The Idea", "Department Decision", "Recused?", "Answered"):
        assert english not in drawn, english
    assert not {"yes", "no"} & set(drawn.split())
