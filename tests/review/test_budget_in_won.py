"""Budgets are Korean won: typed as people write them, shown as "₩120,000,000" in both languages,
and never shown at all ("Budget: 0") for a rejection or a verdict without a budget."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from review.budget import budget_display, budget_parse
from review.forms import DecisionForm
from review.models import Decision
from tests.workflows.helpers import GOOD_DECISION, open_task
from tests.world import make_world
from workflows.flows import IdeaReviewFlow

pytestmark = pytest.mark.django_db

AMOUNT = Decimal(120_000_000)


def _verdict(**decision):
    w = make_world()
    w.screen_for_review()
    w.submit_all_reviews()
    w.decide(**decision)
    return w


def _page(client, w) -> str:
    html = client.get(w.idea.get_absolute_url()).content.decode()
    return html.split('id="answer"', 1)[1]


def _api_budget(client, w):
    return json.loads(client.get(f"/api/v1/ideas/{w.idea.pk}").content)["review"]["verdict"]["budget"]


@pytest.mark.parametrize(
    "typed",
    ["120,000,000", "120000000", "₩120,000,000", "₩ 120,000,000", " 120 000 000 ", "120,000,000원", "￦120000000"],
)
def test_department_can_type_the_budget_as_people_write_won(typed):
    assert budget_parse(typed) == AMOUNT
    form = DecisionForm({"budget": typed})
    form.is_valid()
    assert "budget" not in form.errors
    assert form.cleaned_data["budget"] == AMOUNT


@pytest.mark.parametrize("typed", ["a lot", "12.5", "-5", "1억", "120,000,000 USD", "１２０"])
def test_department_cannot_give_a_budget_that_is_not_a_whole_number_of_won(typed):
    with pytest.raises(ValidationError):
        budget_parse(typed)
    form = DecisionForm({"budget": typed})
    assert not form.is_valid()
    assert form.errors["budget"] == ["Enter the budget in won as a whole number, for example 120,000,000."]


def test_department_can_leave_the_budget_empty():
    assert budget_parse("") is None and budget_parse("  ") is None and budget_parse(None) is None
    form = DecisionForm({"budget": ""})
    form.is_valid()
    assert "budget" not in form.errors and form.cleaned_data["budget"] is None


def test_department_can_decide_with_a_budget_typed_with_the_won_sign_through_the_form(client_for):
    w = make_world()
    w.screen_for_review()
    w.submit_all_reviews()
    task = open_task(w.process, IdeaReviewFlow.decide)
    client = client_for(w.official)
    bad = client.post(f"/review/tasks/{task.pk}/", {**GOOD_DECISION, "budget": "lots"})
    assert bad.status_code == 200
    assert "Enter the budget in won as a whole number, for example 120,000,000." in bad.content.decode()
    assert not Decision.objects.exists()
    good = client.post(f"/review/tasks/{task.pk}/", {**GOOD_DECISION, "budget": "₩120,000,000"})
    assert good.status_code == 302
    assert Decision.objects.get().budget == AMOUNT


@pytest.mark.parametrize("language", ["en", "ko"])
def test_visitor_can_read_the_budget_in_won_in_either_language(client, language):
    w = _verdict(budget="120000000")
    assert budget_display(AMOUNT) == "₩120,000,000"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(w.idea.get_absolute_url()).content.decode()
    assert f'<html lang="{language}">' in html
    assert "₩120,000,000" in html.split('id="answer"', 1)[1]
    assert _api_budget(client, w) == 120_000_000


@pytest.mark.parametrize(
    "decision",
    [
        {"outcome": "not_adopted", "budget": "0", "grounds": ["budget"], "grounds_explanation": "No budget line."},
        {
            "outcome": "not_adopted",
            "budget": "5,000,000",
            "grounds": ["ordinances"],
            "grounds_explanation": "The ordinance forbids it.",
        },
        {"outcome": "adopted", "budget": ""},
        {"outcome": "adopted", "budget": "0"},
    ],
)
def test_visitor_cannot_see_a_budget_line_for_a_rejection_or_a_verdict_without_budget(client, decision):
    w = _verdict(**decision)
    assert Decision.objects.get().budget is None
    html = _page(client, w)
    assert "Required budget" not in html
    assert "₩" not in html and "₩0" not in html
    assert _api_budget(client, w) is None


def test_old_verdict_with_budget_zero_shows_no_budget_line(client):
    w = _verdict(budget="120000000")
    Decision.objects.update(budget=0)  # written before an empty budget was possible
    assert "Required budget" not in _page(client, w)
    assert _api_budget(client, w) is None
