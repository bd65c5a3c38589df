"""Ideas and comments carry their own `lang` when it differs from the page's: screen readers then
read Korean ideas in Korean inside English pages, and English ones in English inside Korean pages."""

from __future__ import annotations

import re

import pytest

from ideas.templatetags.oasis_tags import content_lang
from tests.factories import CommentFactory, IdeaFactory, make_campaign

pytestmark = pytest.mark.django_db

KOREAN_TITLE = "한강 공원에 그늘막을 더 설치해 주세요"
KOREAN_BODY = "여름에 한강 공원을 걷다 보면 쉴 곳이 없습니다. 산책로를 따라 그늘막을 설치하면 좋겠습니다."


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (KOREAN_TITLE, "ko"),
        ("Shade sails over the river stairs", "en"),
        ("서울 IoT 센서를 버스 정류장에 설치", "ko"),  # Korean quoting an English word
        ("Bike lanes along the 한강 from Mapo to Jamsil", "en"),  # English naming a Korean place
        ("", "en"),
        ("2026 — 100%", "en"),
        (None, "en"),
    ],
)
def test_screen_reader_can_tell_the_language_of_a_text(text, lang):
    assert content_lang(text) == lang


def _lang_of(html: str, css_class_or_tag: str) -> str:
    match = re.search(rf'<{css_class_or_tag}[^>]*\blang="([a-z]+)"', html)
    assert match, f"no lang on {css_class_or_tag}"
    return match.group(1)


def test_visitor_can_hear_a_korean_idea_in_korean_on_an_english_page(client):
    idea = IdeaFactory(campaign=make_campaign(), title=KOREAN_TITLE, body=KOREAN_BODY)
    CommentFactory(idea=idea, body="정말 좋은 생각이에요. 저도 찬성합니다.")
    CommentFactory(idea=idea, body="Yes, and a drinking fountain nearby.")

    html = client.get(idea.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<html lang="en">' in html
    assert _lang_of(html, "h1") == "ko"
    assert _lang_of(html, 'div class="idea__body prose"') == "ko"
    comments = re.findall(r'<div class="comment__body" lang="([a-z]+)"', html)
    assert sorted(comments) == ["en", "ko"]


def test_visitor_can_hear_an_english_idea_in_english_on_a_korean_page(client):
    campaign = make_campaign()
    idea = IdeaFactory(campaign=campaign, title="Shade sails over the river stairs")
    IdeaFactory(campaign=campaign, title=KOREAN_TITLE)

    detail = client.get(idea.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ko-KR").content.decode()
    assert '<html lang="ko">' in detail
    assert _lang_of(detail, "h1") == "en"

    cards = client.get(campaign.url, HTTP_ACCEPT_LANGUAGE="ko-KR").content.decode()
    titles = dict(re.findall(r'<h3 class="card__title" lang="([a-z]+)"><a href="[^"]+">([^<]+)</a>', cards))
    assert titles == {"en": "Shade sails over the river stairs", "ko": KOREAN_TITLE}
