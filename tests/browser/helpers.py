"""Helpers for browser tests (import them; they are not fixtures)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.test import Client

from review.services import answer_request_additional
from tests.factories import CommentFactory, IdeaFactory, UserFactory, make_campaign
from tests.workflows.helpers import selected_idea
from tests.world import World, make_world

# What a browser in each language sends: the site negotiates its language from Accept-Language.
LOCALES = {"en": "en-US", "ko": "ko-KR"}
ACCEPT_LANGUAGE = {"en": "en-US,en;q=0.9", "ko": "ko-KR,ko;q=0.9"}


def login(page, live_server, username: str, password: str) -> None:
    """Sign in through the real login form and wait until the site shows the user menu."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").last.click()
    page.get_by_role("button", name="Sign out").wait_for()


def logout(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("link", name="Sign in").first.wait_for()


def new_context(browser, live_server, *, lang: str = "en", user=None, width: int = 1280, height: int = 900):
    """A browser context reading the site in `lang` (Accept-Language), signed in as `user` if given.

    Signing in sets the session cookie directly (as Django's test client does), so tests of
    pages in any language need not read the login form's labels.
    """
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale=LOCALES[lang],
        extra_http_headers={"Accept-Language": ACCEPT_LANGUAGE[lang]},
    )
    context.set_default_timeout(15_000)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context


@dataclass
class PublishedIdea:
    """An adopted idea whose verdict is public, with comments in both languages and an open
    request for an additional answer (the department's `answer` task)."""

    world: World
    citizen: object
    korean_comment: str
    english_comment: str

    @property
    def idea(self):
        return self.world.idea


def published_idea(*, campaign=None, title: str = "Shade sails over the river stairs") -> PublishedIdea:
    campaign = campaign or make_campaign(title="Cooler summers")
    idea = selected_idea(
        campaign=campaign,
        title=title,
        body="The stone stairs along the river get too hot to sit on in July. Shade sails would help.",
    )
    w = make_world(idea=idea)
    w.screen_for_review()
    w.submit_all_reviews()
    w.decide()
    korean = "정말 좋은 아이디어예요. 여름마다 계단이 너무 뜨거워요."
    english = "Yes please, the stairs are far too hot to sit on in summer."
    CommentFactory(idea=w.idea, body=korean)
    CommentFactory(idea=w.idea, body=english)
    citizen = UserFactory()
    answer_request_additional(idea=w.idea, user=citizen, question="When will the sails go up in my district?")
    return PublishedIdea(world=w, citizen=citizen, korean_comment=korean, english_comment=english)


def korean_idea(campaign):
    return IdeaFactory(
        campaign=campaign,
        title="한강 공원에 그늘막을 더 설치해 주세요",
        body="여름에 한강 공원을 걷다 보면 쉴 곳이 없습니다. 산책로를 따라 그늘막을 설치하면 좋겠습니다.",
    )
