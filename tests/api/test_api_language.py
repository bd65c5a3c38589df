"""The API answers in the language of each request's Accept-Language, whatever the account says.

Tests that look for Korean words (Hangul) in our own msgids pass once the Korean catalogue
(locale/ko) has them; the field errors reuse Django's msgids, already translated.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from core.language import set_user_language
from ideas.models import TimelineOffice
from ideas.services import timeline_record
from tests.factories import IdeaFactory, UserFactory

pytestmark = pytest.mark.django_db

HANGUL = re.compile("[가-힣]")
KOREAN = {"HTTP_ACCEPT_LANGUAGE": "ko-KR,ko;q=0.9"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
NOT_FOUND = "Not found."  # core.api's msgid for an unknown idea


def test_client_gets_an_error_detail_in_english_by_default(api_client):
    response = api_client().get("/api/v1/ideas/987654321")

    assert response.status_code == 404
    assert response["Content-Language"] == "en"
    assert response.json()["detail"] == NOT_FOUND


def test_client_gets_an_error_detail_in_korean_when_asking_for_korean(api_client):
    """Waits for the Korean catalogue (our msgid "Not found.")."""
    response = api_client().get("/api/v1/ideas/987654321", **KOREAN)

    assert response.status_code == 404
    assert response["Content-Language"] == "ko"
    detail = response.json()["detail"]
    assert HANGUL.search(detail) and detail != NOT_FOUND


def test_client_gets_field_errors_in_the_language_asked_for(api_client, citizen):
    client = api_client(citizen)

    english = client.post("/api/v1/ideas", {}, **ENGLISH).json()
    korean = client.post("/api/v1/ideas", {}, **KOREAN).json()

    assert english["errors"]["title"] == ["This field is required."]
    assert set(korean["errors"]) == set(english["errors"])
    assert all(HANGUL.search(message) for messages in korean["errors"].values() for message in messages)


def test_client_gets_length_errors_with_the_limit_in_the_language_asked_for(api_client):
    too_long = {"username": "x" * 1001, "email": "a@example.org", "password": "p" * 20}

    english = api_client().post("/api/v1/auth/register", too_long, **ENGLISH).json()
    korean = api_client().post("/api/v1/auth/register", too_long, **KOREAN).json()

    assert english["errors"]["username"] == ["Write at most 1000 characters."]
    assert HANGUL.search(korean["errors"]["username"][0]) and "1000" in korean["errors"]["username"][0]


def test_account_language_does_not_change_the_api_language(api_client, citizen):
    """The API follows each request, not the account: an app decides per call."""
    set_user_language(citizen, "ko")

    response = api_client(citizen).post(f"/api/v1/ideas/{IdeaFactory(author=citizen).pk}/vote", **ENGLISH)

    assert response.status_code == 403
    assert response.json()["detail"] == "You cannot vote for your own idea."


def test_client_reads_the_timeline_in_the_language_asked_for_not_the_actors(api_client):
    """The office is stored once (in English, the msgid) and translated for each reader."""
    idea = IdeaFactory(author=UserFactory())
    with translation.override("ko"):  # a Korean-reading moderator acts
        timeline_record(idea=idea, kind="hidden", office=TimelineOffice.MODERATORS, note="Spam")

    english = api_client().get(f"/api/v1/ideas/{idea.pk}", **ENGLISH).json()["timeline"]

    assert [(e["office"], e["note"]) for e in english] == [("Moderators", "Spam")]


def test_korean_client_reads_the_timeline_office_in_korean(api_client):
    """Waits for the Korean catalogue (our msgid "Moderators")."""
    idea = IdeaFactory(author=UserFactory())
    timeline_record(idea=idea, kind="hidden", office=TimelineOffice.MODERATORS, note="Spam")

    event = api_client().get(f"/api/v1/ideas/{idea.pk}", **KOREAN).json()["timeline"][0]

    assert HANGUL.search(event["office"]) and event["office"] != "Moderators"
    assert HANGUL.search(event["kind_label"])
    assert event["note"] == "Spam"  # a person's words stay as written


def test_openapi_document_is_written_in_the_language_asked_for(api_client):
    """Waits for the Korean catalogue (our summaries)."""
    english = api_client().get("/api/v1/openapi.json", **ENGLISH).json()
    korean = api_client().get("/api/v1/openapi.json", **KOREAN).json()

    summary = english["paths"]["/api/v1/ideas/{idea_id}/vote"]["post"]["summary"]
    assert summary == "Vote for an idea"
    korean_summary = korean["paths"]["/api/v1/ideas/{idea_id}/vote"]["post"]["summary"]
    assert HANGUL.search(korean_summary) and korean_summary != summary
