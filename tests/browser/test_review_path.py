"""The expert review in a real browser: coordinator, four experts and the department, then a visitor reads the verdict."""

from __future__ import annotations

import re

import pytest

from ideas.models import IdeaStatus
from review.models import Review
from tests.browser.helpers import login, logout
from tests.factories import PASSWORD
from tests.world import make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RUBRIC = {"Necessity": "5", "Effectiveness": "4", "Feasibility": "4", "Budget realism": "3", "Creativity": "5"}


def _open_first_task(page, live_server, title: str) -> None:
    page.goto(f"{live_server.url}/review/")
    page.get_by_role("heading", level=1, name="Review inbox").wait_for()
    page.get_by_role("link", name=title).first.click()


def _review_as(page, live_server, screenshot, expert, n: int) -> None:
    login(page, live_server, expert.user.username, PASSWORD)
    _open_first_task(page, live_server, re.compile("panel review"))
    page.get_by_role("heading", level=1, name=re.compile("Your review")).wait_for()
    for criterion, score in RUBRIC.items():
        page.get_by_role("group", name=re.compile(f"^{criterion}")).get_by_label(score, exact=True).check()
    page.get_by_label("Written opinion").fill(f"Opinion {n}: a clear need, and the city can deliver it this year.")
    page.get_by_role("group", name=re.compile("^Recommendation")).get_by_label("Adopt", exact=True).check()
    if n == 1:
        screenshot(page, "review_expert_form")
    page.get_by_role("button", name="Submit my review").click()
    page.get_by_text("your review has been submitted").wait_for()
    if n == 2:
        # the second internal expert now sees the first one's review too
        page.get_by_text("Opinion 1:").first.wait_for()
        screenshot(page, "review_expert_sees_others_after_submitting")
    logout(page)


def test_coordinator_experts_and_department_publish_a_verdict_a_visitor_reads(live_server, browser_page, screenshot):
    page = browser_page
    w = make_world()
    w.idea.title = "Drinking fountains along the river"
    w.idea.save()

    # The coordinator screens the idea: department and (suggested, pre-selected) reviewers.
    login(page, live_server, w.coordinator.username, PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Review").click()
    page.get_by_role("heading", level=1, name="Review inbox").wait_for()
    screenshot(page, "review_coordinator_inbox")
    page.get_by_role("link", name="Screen the idea").first.click()
    page.get_by_label("Responsible department").select_option(label=w.department.name)
    screenshot(page, "review_screening_form")
    page.get_by_role("button", name="Record the screening").click()
    page.get_by_text("Screening recorded.").wait_for()
    logout(page)

    reviews = list(
        Review.objects.filter(idea=w.idea).select_related("expert__user", "panel").order_by("panel__kind", "pk")
    )
    assert [r.panel.kind for r in reviews] == ["external", "external", "internal", "internal"]
    internal = [r.expert for r in reviews if r.panel.kind == "internal"]
    external = [r.expert for r in reviews if r.panel.kind == "external"]

    for n, expert in enumerate(internal + external, start=1):
        _review_as(page, live_server, screenshot, expert, n)

    # The department takes the decision task from its group queue and decides, seeing both panels.
    login(page, live_server, w.official.username, PASSWORD)
    page.goto(f"{live_server.url}/review/")
    page.get_by_role("button", name="Take this task").first.click()
    page.get_by_role("heading", level=1, name="Department decision").wait_for()
    page.get_by_text("Opinion 4:").wait_for()
    page.get_by_role("group", name=re.compile("^Outcome")).get_by_label("Adopted", exact=True).check()
    page.get_by_label("Reasoning: necessity").fill("Residents have asked for drinking water along the river for years.")
    page.get_by_label("Reasoning: effectiveness").fill("Fountains at the busiest stairs reach most walkers.")
    page.get_by_label("Reasoning: feasibility").fill("Water mains already run under the promenade.")
    page.get_by_label("Required budget (amount)").fill("480000000")
    screenshot(page, "review_department_decision")
    page.get_by_role("button", name="Decide and publish").click()
    page.get_by_text("The verdict has been published.").wait_for()
    logout(page)
    w.reload()
    assert w.idea.status == IdeaStatus.ADOPTED

    # The coordinator sees the finished process with its diagram and history.
    login(page, live_server, w.coordinator.username, PASSWORD)
    page.goto(f"{live_server.url}/workflows/processes/{w.process.pk}/")
    page.get_by_role("heading", name="Diagram").wait_for()
    assert page.locator("figure.diagram svg").count() == 1
    screenshot(page, "review_process_page")
    logout(page)

    # A visitor reads the verdict on the idea page.
    page.goto(live_server.url + w.idea.get_absolute_url())
    page.get_by_role("heading", name="The city's answer: Adopted").wait_for()
    page.get_by_text("Water mains already run under the promenade.").wait_for()
    page.get_by_role("table", name=re.compile("Expert panel scores")).wait_for()
    assert page.locator("h1").count() == 1
    screenshot(page, "review_public_verdict")
