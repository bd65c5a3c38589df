"""The bell: another citizen comments on your idea, your unread count goes up; mark all read."""

from __future__ import annotations

import pytest

from notices.models import Notification
from tests.browser.conftest import SCREENSHOTS
from tests.browser.helpers import login
from tests.factories import PASSWORD, IdeaFactory, UserFactory, make_campaign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _bell(page):
    return page.get_by_role("navigation", name="Main").locator("[data-notices-bell]")


def test_citizen_can_see_the_bell_count_change_and_mark_all_read(live_server, _browser, browser_page, screenshot):
    author, neighbour = UserFactory(username="hana"), UserFactory(username="jun")
    idea = IdeaFactory(campaign=make_campaign(title="Shaded playgrounds"), author=author, title="Sails over sandpits")

    page = browser_page
    login(page, live_server, author.username, PASSWORD)
    page.goto(live_server.url + idea.get_absolute_url())
    assert _bell(page).locator("[data-unread-count]").get_attribute("data-unread-count") == "0"

    # Another citizen, in their own browser, comments on the idea.
    other = _browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    try:
        their_page = other.new_page()
        login(their_page, live_server, neighbour.username, PASSWORD)
        their_page.goto(live_server.url + idea.get_absolute_url())
        their_page.get_by_label("Add a comment").fill("Yes! And a drinking fountain nearby.")
        their_page.get_by_role("button", name="Post comment").click()
        their_page.get_by_text("Your comment is published.").wait_for()
    finally:
        other.close()

    page.reload()
    count = _bell(page).locator("[data-unread-count]")
    assert count.get_attribute("data-unread-count") == "1"
    assert count.inner_text().startswith("1")
    assert _bell(page).get_attribute("href") == "/notifications/"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".site-header").screenshot(path=str(SCREENSHOTS / "notification_bell.png"))

    _bell(page).click()
    page.get_by_role("heading", level=1, name="Notifications").wait_for()
    item = page.get_by_role("link", name="jun commented on your idea “Sails over sandpits”.")
    item.wait_for()
    screenshot(page, "notification_list")

    page.get_by_role("button", name="Mark all as read").click()
    page.get_by_text("All notifications are marked as read.").wait_for()
    assert _bell(page).locator("[data-unread-count]").get_attribute("data-unread-count") == "0"
    assert not Notification.objects.filter(recipient=author, unread=True).exists()

    # The item still links to the comment on the idea.
    page.get_by_role("link", name="jun commented on your idea “Sails over sandpits”.").click()
    page.get_by_text("Yes! And a drinking fountain nearby.").wait_for()
    assert idea.get_absolute_url() in page.url
