"""The password reset e-mail is written in its recipient's language: the account's, else the page's.

Tests that look for Hangul pass once the Korean catalogue has the e-mail's msgids.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from core.language import set_user_language

pytestmark = pytest.mark.django_db

HANGUL = re.compile("[가-힣]")
KOREAN = {"HTTP_ACCEPT_LANGUAGE": "ko-KR,ko;q=0.9"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
SUBJECT = "Reset your Oasis password"


def test_citizen_who_reads_english_gets_an_english_email_from_a_korean_page(client, citizen):
    set_user_language(citizen, "en")

    client.post(reverse("password_reset"), {"email": citizen.email}, **KOREAN)

    assert mail.outbox[0].subject == SUBJECT
    assert not HANGUL.search(mail.outbox[0].body)


def test_citizen_who_reads_korean_gets_a_korean_email_from_an_english_page(client, citizen):
    """Waits for the Korean catalogue (the e-mail's msgids)."""
    set_user_language(citizen, "ko")

    client.post(reverse("password_reset"), {"email": citizen.email}, **ENGLISH)

    message = mail.outbox[0]
    assert HANGUL.search(message.subject) and message.subject != SUBJECT
    assert HANGUL.search(message.body)


def test_citizen_without_a_choice_gets_the_email_in_the_language_of_the_page(client, citizen):
    """Waits for the Korean catalogue (the e-mail's msgids)."""
    client.post(reverse("password_reset"), {"email": citizen.email}, **KOREAN)

    assert HANGUL.search(mail.outbox[0].subject)
