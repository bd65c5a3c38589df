"""Dates and numbers are written the way the reader's language writes them (named formats, grouping).

Django's own Korean formats apply, so these tests need nothing from our catalogue.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories import IdeaFactory, make_campaign

pytestmark = pytest.mark.django_db

KOREAN = {"HTTP_ACCEPT_LANGUAGE": "ko-KR,ko;q=0.9"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
SUBMITTED = datetime(2026, 12, 3, 10, 30, tzinfo=ZoneInfo("Asia/Seoul"))


def submitted_on(html: str) -> str:
    return re.search(r'<time datetime="2026-12-03T10:30:00\+09:00">([^<]+)</time>', html).group(1)


def test_korean_reader_sees_the_date_written_the_korean_way(client):
    idea = IdeaFactory(campaign=make_campaign(), created_at=SUBMITTED)

    html = client.get(idea.get_absolute_url(), **KOREAN).content.decode()

    assert submitted_on(html) == "2026년 12월 3일"


def test_english_reader_sees_the_date_written_the_english_way(client):
    idea = IdeaFactory(campaign=make_campaign(), created_at=SUBMITTED)

    html = client.get(idea.get_absolute_url(), **ENGLISH).content.decode()

    assert submitted_on(html) == "Dec. 3, 2026"


def test_korean_reader_sees_the_campaign_list_dates_the_korean_way(client):
    campaign = make_campaign(opens_at=SUBMITTED)

    html = client.get(campaign.url, **KOREAN).content.decode()

    assert "2026년 12월 3일" in html
    assert "Dec. 3, 2026" not in html


@pytest.mark.parametrize("headers", [KOREAN, ENGLISH], ids=["korean", "english"])
def test_reader_sees_large_numbers_grouped(client, headers):
    campaign = make_campaign(vote_threshold=1500)
    idea = IdeaFactory(campaign=campaign)

    campaign_html = client.get(campaign.url, **headers).content.decode()
    idea_html = client.get(idea.get_absolute_url(), **headers).content.decode()

    assert re.search(r"<dd>1,500</dd>", campaign_html)  # votes needed for expert review
    assert "1500" not in re.sub(r'(href|src|datetime|id|for|value)="[^"]*"', "", idea_html)
    assert "1,500" in idea_html  # the vote box's goal
