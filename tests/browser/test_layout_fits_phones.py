"""On a 390 px phone nothing scrolls sideways, in English and Korean: the signed-in header (a long
display name, the notification bell, the language switch), an idea with its published answer,
and the coordinators' overview. Desktop width is checked and photographed too.

Screenshots go to var/screenshots/layout_<page>_<width>_<lang>.png (OASIS_SCREENSHOTS moves them).
"""

from __future__ import annotations

import pytest

from tests.browser.helpers import new_context, published_idea
from tests.factories import NotificationFactory, UserFactory
from tests.world import make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE, DESKTOP = 390, 1280

# What people are called and what they write, at its longest plausible.
LONG_NAMES = {
    "en": ("kimberly.jeongmin.hernandez-park.seoul", "coordinator.seongdong-gu.office-of-parks"),
    "ko": ("서울특별시성동구왕십리도선동주민자치회", "성동구청공원녹지과아이디어검토코디네이터"),
}
TITLES = {
    "en": "Shade sails over the river stairs, so that people can sit there in July and August",
    "ko": "한여름에도 시민들이 앉아서 쉴 수 있도록 한강 공원 계단 위에 그늘막을 설치해 주세요",
}

_OVERFLOWING = """() => {
    const width = window.innerWidth;
    return [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > width + 0.5)
        .slice(0, 12)
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ` +
             `(right edge ${Math.round(el.getBoundingClientRect().right)}px): ` +
             `${(el.textContent || "").trim().slice(0, 60)}`);
}"""


def _assert_fits(page, what: str) -> None:
    fits = page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    if not fits:
        width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        wide = "\n  ".join(page.evaluate(_OVERFLOWING))
        pytest.fail(f"{what} scrolls sideways (scrollWidth {width[0]} > {width[1]}); too wide:\n  {wide}")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_citizen_and_coordinator_can_read_pages_on_a_phone_without_scrolling_sideways(
    live_server, _browser, screenshot, lang
):
    citizen_name, coordinator_name = LONG_NAMES[lang]
    published = published_idea(title=TITLES[lang])
    citizen = UserFactory(username=citizen_name)
    for _ in range(3):
        NotificationFactory(recipient=citizen, idea=published.idea)
    make_world().screen_for_review()  # a second idea, in the panel stage, for the overview
    coordinator = published.world.coordinator
    coordinator.username = coordinator_name
    coordinator.save()

    pages = [
        (citizen, "home", "/"),
        (citizen, "idea", published.idea.get_absolute_url()),
        (coordinator, "overview", "/review/overview/"),
    ]
    for width in (PHONE, DESKTOP):
        for user, name, path in pages:
            context = new_context(_browser, live_server, lang=lang, user=user, width=width, height=844)
            try:
                page = context.new_page()
                page.goto(live_server.url + path)
                page.locator("h1").wait_for()
                assert page.locator("html").get_attribute("lang") == lang
                assert user.username in page.locator(".user-menu__name").inner_text()
                assert page.locator("[data-notices-bell]").is_visible()
                assert page.locator("header form:has([name=language])").is_visible()  # the language switch
                _assert_fits(page, f"{name} at {width}px [{lang}]")
                screenshot(page, f"layout_{name}_{width}_{lang}")
            finally:
                context.close()
