"""A citizen's whole path in a real browser: sign up, submit, others vote, the idea goes to review."""

from __future__ import annotations

import re

import pytest

from ideas.models import Idea, IdeaStatus, Vote
from tests.browser.helpers import login, logout
from tests.factories import PASSWORD, IdeaFactory, UserFactory, make_campaign
from tests.web.helpers import png_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_citizen_can_submit_an_idea_that_votes_send_to_review(live_server, browser_page, screenshot, tmp_path):
    page = browser_page
    campaign = make_campaign(title="Greener streets", vote_threshold=3)
    IdeaFactory(campaign=campaign, title="Water fountains in parks")

    page.goto(live_server.url + "/")
    assert page.locator("h1").count() == 1
    screenshot(page, "home")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Campaigns").click()
    page.get_by_role("heading", level=1).wait_for()
    screenshot(page, "campaign_list")

    # Sign up through the form.
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("User name").fill("newcitizen")
    page.get_by_label("E-mail address").fill("new@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.get_by_text("Welcome to Oasis, newcitizen!").wait_for()

    # Submit an idea; first with a file that is not an image.
    page.goto(live_server.url + campaign.url)
    screenshot(page, "campaign_page")
    page.get_by_role("link", name="Submit an idea").click()
    page.get_by_label("Title").fill("Shade trees on Main Street")
    page.get_by_label("Description").fill("Plant trees along Main Street so people can walk in the shade in summer.")
    page.get_by_label("Tags").fill("trees, summer")
    fake = tmp_path / "notes.png"
    fake.write_text("not really an image")
    page.get_by_label("Images").set_input_files(str(fake))
    page.get_by_role("button", name="Publish my idea").click()
    page.get_by_text("notes.png is not an image we can read").first.wait_for()
    assert page.get_by_label("Title").input_value() == "Shade trees on Main Street"
    screenshot(page, "submit_error")
    assert not Idea.objects.filter(title="Shade trees on Main Street").exists()

    photo = tmp_path / "street.png"
    photo.write_bytes(png_file(size=(320, 200)).read())
    page.get_by_label("Images").set_input_files(str(photo))
    page.get_by_role("button", name="Publish my idea").click()
    page.get_by_text("Your idea is published").wait_for()
    idea = Idea.objects.get(title="Shade trees on Main Street")
    assert page.url.endswith(idea.get_absolute_url())
    assert page.get_by_text("you cannot vote for your own idea").is_visible()
    logout(page)

    # Three other citizens sign in through the login form and vote.
    voters = [UserFactory() for _ in range(3)]
    for number, voter in enumerate(voters, start=1):
        login(page, live_server, voter.username, PASSWORD)
        page.goto(live_server.url + idea.get_absolute_url())
        page.get_by_role("button", name="Vote for this idea").click()
        # The script updates the count in place; no reload needed.
        page.locator("[data-vote-count]").filter(has_text=re.compile(rf"^{number}$")).wait_for()
        page.get_by_role("button", name="Take back my vote").wait_for()
        logout(page)

    assert Vote.objects.filter(idea=idea).count() == 3
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.IN_REVIEW

    page.goto(live_server.url + idea.get_absolute_url())
    assert page.locator(".idea__head .badge").inner_text() == "In review"
    assert page.locator("[data-vote-count]").inner_text() == "3"
    assert page.get_by_text("Selected for expert review").is_visible()
    assert page.locator("img[alt^='Image 1 attached']").count() == 1
    screenshot(page, "idea_page")


def test_citizen_can_vote_without_javascript(live_server, _browser, screenshot):
    context = _browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        idea = IdeaFactory(campaign=make_campaign(title="Quiet nights"))
        voter = UserFactory()
        login(page, live_server, voter.username, PASSWORD)
        page.goto(live_server.url + idea.get_absolute_url())
        page.get_by_role("button", name="Vote for this idea").click()
        page.get_by_text("Thank you for your vote.").wait_for()
        assert page.locator("[data-vote-count]").inner_text() == "1"
        screenshot(page, "idea_page_mobile_nojs")
    finally:
        context.close()
    assert Vote.objects.filter(idea=idea, voter=voter).exists()
