"""Everything sent to a person is in their language, not the sender's: one event reaches a Korean
reader in Korean and an English reader in English (instant e-mails, the digest, the unsubscribe
page the e-mail links to), and one recipient's language never leaks into the next one's e-mail.

The Korean wording comes with the catalogue (locale/ko): the assertions that look for Hangul
pass once it is filled. Dates use Django's own Korean formats and pass already.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from core.language import set_user_language
from notices.services import delivery_set, digest_send
from tests.factories import IdeaFactory, UserFactory, VoteFactory
from tests.notices.helpers import inbox_of, notify

pytestmark = pytest.mark.django_db

HANGUL = re.compile("[가-힣]")


def _reader(language: str):
    user = UserFactory()
    set_user_language(user, language)
    return user


def _html(email) -> str:
    return email.alternatives[0][0]


def test_korean_reader_can_get_the_verdict_in_korean_while_an_english_reader_gets_english(
    review_world, django_capture_on_commit_callbacks
):
    w = review_world
    korean, english = _reader("ko"), _reader("en")
    VoteFactory(idea=w.idea, voter=korean)
    VoteFactory(idea=w.idea, voter=english)
    w.screen_for_review()
    w.submit_all_reviews()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        w.decide()  # the department works in English

    english_subject = f"The city has answered “{w.idea.title}”: Adopted."
    [to_english] = inbox_of(english)
    assert to_english.subject == english_subject
    assert not HANGUL.search(to_english.subject + to_english.body)
    [to_korean] = inbox_of(korean)
    assert '<html lang="ko">' in _html(to_korean)
    assert HANGUL.search(to_korean.subject)
    assert HANGUL.search(to_korean.body)
    assert english_subject not in to_korean.subject
    assert english_subject not in to_korean.body


def test_english_reader_can_get_english_after_a_korean_reader_of_the_same_event():
    korean, english = _reader("ko"), _reader("en")  # the Korean reader's e-mail is rendered first
    idea = IdeaFactory()
    with translation.override("ko"):  # whoever caused the event reads Korean
        notify([korean, english], idea=idea, author="eun")
        assert translation.get_language() == "ko"  # the fan-out left the active language alone

    [to_english] = inbox_of(english)
    assert to_english.subject == f"eun commented on your idea “{idea.title}”."
    assert '<html lang="en">' in _html(to_english)
    assert not HANGUL.search(to_english.body + _html(to_english))
    [to_korean] = inbox_of(korean)
    assert '<html lang="ko">' in _html(to_korean)


def test_reader_without_a_chosen_language_can_get_the_sites_default():
    idea = IdeaFactory()
    reader = UserFactory()
    with translation.override("ko"):
        notify([reader], idea=idea, author="eun")
    [email] = inbox_of(reader)
    assert email.subject == f"eun commented on your idea “{idea.title}”."


def test_each_reader_can_see_a_due_date_in_their_own_format():
    korean, english = _reader("ko"), _reader("en")
    notify([korean, english], idea=IdeaFactory(), kind="review_due_soon", due="2026-12-17")
    assert "2026년 12월 17일" in inbox_of(korean)[0].body
    [to_english] = inbox_of(english)
    assert "Dec. 17, 2026" in to_english.body
    assert "2026-12-17" not in to_english.body


def test_korean_reader_can_get_the_daily_digest_in_korean():
    korean, english = _reader("ko"), _reader("en")
    for user in (korean, english):
        delivery_set(user=user, daily_digest=True)
    notify([korean, english], idea=IdeaFactory(), author="eun")
    assert not mail.outbox
    assert digest_send() == 2

    [to_english] = inbox_of(english)
    assert to_english.subject == "Oasis: your daily digest (1 update)"
    assert not HANGUL.search(to_english.body)
    [to_korean] = inbox_of(korean)
    assert '<html lang="ko">' in _html(to_korean)
    assert HANGUL.search(to_korean.subject)
    assert "your daily digest" not in to_korean.subject


def test_korean_reader_can_unsubscribe_on_a_page_in_korean():
    korean = _reader("ko")
    notify([korean], idea=IdeaFactory(), author="eun")
    [email] = inbox_of(korean)
    path = re.search(r"http://localhost:8000(/notifications/unsubscribe/\S+/)", email.body).group(1)

    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(path)  # opened signed out, in an English browser
    assert page.status_code == 200
    assert page["Content-Language"] == "ko"
    html = page.content.decode()
    assert '<html lang="ko">' in html
    assert "You are unsubscribed" not in html
    assert HANGUL.search(html.split("<h1", 1)[1].split("</h1>", 1)[0])
