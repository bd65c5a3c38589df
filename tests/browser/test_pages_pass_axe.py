"""Every public page and every workflow page passes axe-core (WCAG 2.1 A/AA), in English and Korean.

One browser context per person and language; each page is loaded once and checked for
serious and critical violations, its `<html lang>` and its single `h1`. All pages are checked
before the test fails, so one run reports every problem.
"""

from __future__ import annotations

import pytest
from viewflow.workflow.models import Task

from search import port
from tests.browser.axe import axe_violations, violations_report
from tests.browser.helpers import korean_idea, new_context, published_idea
from tests.factories import NotificationFactory, UserFactory
from tests.search.conftest import index_now, use_backend
from tests.workflows.helpers import open_task
from tests.world import make_world
from workflows.flows import AdditionalAnswerFlow, IdeaReviewFlow
from workflows.services import review_recuse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LANGS = ["en", "ko"]
SUBMIT = "form[method=post] button[type=submit]"


class Audit:
    """Loads pages and collects what is wrong with them, keyed by a readable label."""

    def __init__(self, live_server, lang: str):
        self.base, self.lang = live_server.url, lang
        self.violations: dict[str, list[dict]] = {}
        self.problems: list[str] = []
        self.checked = 0

    def check(self, page, path: str, label: str, *, status: int = 200, submit: str = "") -> None:
        """Load `path` and inspect it; with `submit`, also post that form empty and inspect its errors."""
        response = page.goto(self.base + path)
        label = f"{label} [{self.lang}] {path}"
        if response is None or response.status != status:
            self.problems.append(f"{label}: HTTP {response and response.status}, expected {status}")
            return
        self.inspect(page, label)
        if submit:
            with page.expect_navigation() as navigation:
                page.locator(f"main {submit}").first.click()
            if navigation.value is None or navigation.value.status not in (200, 400):
                self.problems.append(f"{label}, empty form: HTTP {navigation.value and navigation.value.status}")
            elif page.locator(".form-errors, .field__errors, .errorlist").count() == 0:
                self.problems.append(f"{label}, empty form: no error message shown")
            else:
                self.inspect(page, f"{label}, empty form")

    def inspect(self, page, label: str) -> None:
        self.checked += 1
        html_lang = page.locator("html").get_attribute("lang")
        if html_lang != self.lang:
            self.problems.append(f"{label}: <html lang={html_lang!r}>, expected {self.lang!r}")
        if (h1 := page.locator("h1").count()) != 1:
            self.problems.append(f"{label}: {h1} h1 elements, expected one")
        # Collapsed parts (reply, report and moderation forms) are checked too.
        page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        if found := axe_violations(page):
            self.violations[label] = found

    def assert_clean(self) -> None:
        report = violations_report(self.violations)
        if self.problems:
            report += "\n\n== other problems\n  " + "\n  ".join(self.problems)
        assert not self.violations and not self.problems, report


@pytest.mark.parametrize("lang", LANGS)
def test_visitor_and_citizen_can_use_every_public_page(live_server, _browser, settings, lang):
    use_backend(settings, "embedded")
    published = published_idea()
    campaign = published.idea.campaign
    other = korean_idea(campaign)
    index_now(*port.searchable_ideas())
    citizen = UserFactory(username="minji")
    for idea in (published.idea, other):
        NotificationFactory(recipient=citizen, idea=idea)

    audit = Audit(live_server, lang)
    visitor = new_context(_browser, live_server, lang=lang)
    signed_in = new_context(_browser, live_server, lang=lang, user=citizen)
    try:
        page = visitor.new_page()
        audit.check(page, "/", "home")
        audit.check(page, "/campaigns/", "campaigns index")
        audit.check(page, campaign.url, "campaign page")
        audit.check(page, published.idea.get_absolute_url(), "idea with a published answer")
        assert page.locator("#answer").count() == 1
        audit.check(page, "/search/?q=river", "search results")
        assert page.locator(".search-hit").count() >= 1
        audit.check(page, "/accounts/login/", "sign-in", submit=SUBMIT)
        audit.check(page, "/accounts/signup/", "sign-up", submit=SUBMIT)
        audit.check(page, "/accounts/password_reset/", "password reset", submit=SUBMIT)
        audit.check(page, "/no-such-page/", "404", status=404)

        page = signed_in.new_page()
        audit.check(page, published.idea.get_absolute_url(), "idea with a published answer, signed in")
        audit.check(page, other.get_absolute_url(), "open idea, signed in")
        audit.check(page, campaign.url + "submit/", "idea submit form", submit=SUBMIT)
        audit.check(page, "/notifications/", "notification list")
        audit.check(page, "/notifications/preferences/", "notification preferences")
    finally:
        visitor.close()
        signed_in.close()
        port.reset_for_tests()
    audit.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_staff_can_use_every_workflow_page(live_server, _browser, lang):
    screening = make_world()
    reviewing = make_world()
    reviewing.screen_for_review()
    recused = reviewing.internal[1]
    review_recuse(task=reviewing.review_task_of(recused), user=recused.user, reason="I advised the author last year.")
    deciding = make_world()
    deciding.screen_for_review()
    deciding.submit_all_reviews()
    answered = published_idea(campaign=deciding.idea.campaign)

    coordinator = screening.coordinator
    expert = reviewing.internal[0]
    pages = {
        coordinator: [
            ("/review/", "coordinator inbox", ""),
            ("/review/overview/", "coordinator overview", ""),
            (f"/review/tasks/{open_task(screening.process, IdeaReviewFlow.screen).pk}/", "screening", SUBMIT),
            (f"/review/tasks/{open_task(reviewing.process, IdeaReviewFlow.replace_internal).pk}/", "replace", ""),
            (f"/workflows/processes/{answered.world.process.pk}/", "process diagram", ""),
            (f"/review/ideas/{answered.idea.pk}/reviews/", "submitted reviews", ""),
        ],
        expert.user: [
            ("/review/", "expert inbox", ""),
            (f"/review/tasks/{reviewing.review_task_of(expert).pk}/", "review", SUBMIT),
        ],
        deciding.official: [
            (f"/review/tasks/{open_task(deciding.process, IdeaReviewFlow.decide).pk}/", "decide", SUBMIT),
        ],
        answered.world.official: [
            ("/review/", "department inbox", ""),
            (f"/review/tasks/{Task.objects.get(flow_task=AdditionalAnswerFlow.answer).pk}/", "answer", SUBMIT),
            (f"/review/ideas/{answered.idea.pk}/implementation/", "implementation status", ""),
        ],
    }

    audit = Audit(live_server, lang)
    for user, paths in pages.items():
        context = new_context(_browser, live_server, lang=lang, user=user)
        try:
            page = context.new_page()
            for path, label, submit in paths:
                audit.check(page, path, label, submit=submit)
        finally:
            context.close()
    audit.assert_clean()
