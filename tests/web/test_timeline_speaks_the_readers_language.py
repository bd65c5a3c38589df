"""The timeline is written once and read by everyone in their own language.

What Oasis says on it (roles, its own sentences) is stored as the English msgid and translated
when shown, so an event recorded while a Korean reader acted reads in English for an English
reader and in Korean for a Korean one. People's own words (a moderator's reason) stay as written.
Tests that look for Hangul pass once the Korean catalogue has our msgids.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from ideas.moderation import idea_hide
from ideas.voting import vote_cast
from tests.factories import IdeaFactory, UserFactory, make_campaign

pytestmark = pytest.mark.django_db

HANGUL = re.compile("[가-힣]")
KOREAN = {"HTTP_ACCEPT_LANGUAGE": "ko-KR,ko;q=0.9"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def timeline(html: str) -> str:
    start = html.index('id="timeline-heading"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def selected_by_korean_readers(django_capture_on_commit_callbacks):
    """An idea selected for review by the votes of citizens reading the site in Korean."""
    idea = IdeaFactory(campaign=make_campaign(vote_threshold=2))
    with translation.override("ko"):
        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                vote_cast(idea=idea, voter=UserFactory())
    return idea


def first_line(timeline_html: str) -> str:
    """The timeline's first line: the selection (the review workflow may add lines after it)."""
    return re.findall(r'<li class="timeline__item">(.*?)</li>', timeline_html, re.S)[0]


def test_english_reader_sees_in_english_what_korean_readers_caused(client, selected_by_korean_readers):
    text = timeline(client.get(selected_by_korean_readers.get_absolute_url(), **ENGLISH).content.decode())

    line = first_line(text)
    assert "Selected for expert review" in line
    assert "By: Citizens" in line
    assert "Reached the campaign&#x27;s vote threshold of 2." in line
    assert not HANGUL.search(line)


def test_korean_reader_sees_the_timeline_in_korean(client, selected_by_korean_readers):
    """Waits for the Korean catalogue (our msgids "Citizens", the threshold sentence, "Timeline")."""
    html = client.get(selected_by_korean_readers.get_absolute_url(), **KOREAN).content.decode()
    text = timeline(html)

    heading = re.search(r'id="timeline-heading">([^<]+)<', html).group(1)
    assert HANGUL.search(heading)
    line = first_line(text)
    assert "Citizens" not in line
    assert "vote threshold" not in line
    assert HANGUL.search(line)


def test_reader_sees_a_moderators_reason_as_written(client, moderator):
    idea = IdeaFactory(campaign=make_campaign())
    idea_hide(idea=idea, moderator=moderator, reason="Contains a phone number")
    moderator_client = client
    moderator_client.force_login(moderator)  # a hidden idea is only visible to moderators

    for headers in (ENGLISH, KOREAN):
        text = timeline(moderator_client.get(idea.get_absolute_url(), **headers).content.decode())
        assert "Contains a phone number" in text
