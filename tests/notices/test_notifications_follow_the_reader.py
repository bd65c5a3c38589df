"""An in-app notification is stored as its kind and plain parameters (codes, ISO dates, names) and
rendered when shown, so the list, the bell and the API speak the reader's language, whoever caused it.

The Korean wording comes with the catalogue (locale/ko): the assertions that look for Korean
message text pass once it is filled. Dates use Django's own Korean formats and pass already.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation

from core.language import set_user_language
from notices.models import Kind, Notification
from notices.services import notification_text
from oasis.services import api_token_issue
from tests.factories import IdeaFactory, UserFactory, VoteFactory
from tests.notices.helpers import notify

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/notifications"
HANGUL = re.compile("[가-힣]")


def _reader(language: str):
    user = UserFactory()
    set_user_language(user, language)
    return user


def _api(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {api_token_issue(user=user)}")


def _notices(html: str) -> str:
    """The notification list's items only (the page chrome has Hangul of its own: the language switch)."""
    return html.split('class="notices-list"', 1)[1].split("</ol>", 1)[0]


def test_reader_can_see_the_same_notification_in_their_own_language(client_for):
    korean, english = _reader("ko"), _reader("en")
    idea = IdeaFactory()
    with translation.override("ko"):
        notify([korean, english], idea=idea, author="eun")
    english_text = f"eun commented on your idea “{idea.title}”."

    assert english_text in _notices(client_for(english).get("/notifications/").content.decode())
    assert _api(english).get(URL).json()["results"][0]["text"] == english_text

    korean_page = _notices(client_for(korean).get("/notifications/").content.decode())
    assert english_text not in korean_page and HANGUL.search(korean_page)
    korean_text = _api(korean).get(URL).json()["results"][0]["text"]
    assert korean_text != english_text and HANGUL.search(korean_text)


def test_reader_can_see_a_due_date_in_their_own_format_on_the_list_and_the_api(client_for):
    korean, english = _reader("ko"), _reader("en")
    notify([korean, english], idea=IdeaFactory(), kind=Kind.REVIEW_DUE_SOON, due="2026-12-17")

    assert "2026년 12월 17일" in _notices(client_for(korean).get("/notifications/").content.decode())
    assert "2026년 12월 17일" in _api(korean).get(URL).json()["results"][0]["text"]
    assert "Dec. 17, 2026" in _notices(client_for(english).get("/notifications/").content.decode())
    assert "Dec. 17, 2026" in _api(english).get(URL, HTTP_ACCEPT_LANGUAGE="ko").json()["results"][0]["text"]


def test_api_caller_without_a_chosen_language_can_read_in_their_requests_language():
    reader = UserFactory()
    notify([reader], idea=IdeaFactory(), kind=Kind.REVIEW_DUE_SOON, due="2026-12-17")
    assert "2026년 12월 17일" in _api(reader).get(URL, HTTP_ACCEPT_LANGUAGE="ko").json()["results"][0]["text"]
    assert "Dec. 17, 2026" in _api(reader).get(URL).json()["results"][0]["text"]


def test_verdict_notification_can_keep_the_outcome_and_due_date_as_codes(
    review_world, django_capture_on_commit_callbacks
):
    w = review_world
    VoteFactory(idea=w.idea)
    with django_capture_on_commit_callbacks(execute=True):
        w.screen_for_review()
    assigned = Notification.objects.filter(kind=Kind.REVIEW_ASSIGNED).first()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", assigned.data["due"])
    w.submit_all_reviews()
    with translation.override("ko"), django_capture_on_commit_callbacks(execute=True):
        w.decide(outcome="partially_adopted", grounds=["budget"], grounds_explanation="Only the first phase.")

    notice = Notification.objects.filter(kind=Kind.VERDICT_PUBLISHED).first()
    assert notice.data["outcome"] == "partially_adopted"
    with translation.override("en"):
        assert notification_text(kind=notice.kind, data=notice.data).endswith(": Partially adopted.")
