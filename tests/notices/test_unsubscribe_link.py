"""Every e-mail has a one-click unsubscribe link that works signed out; a forged one changes nothing."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from ideas.services import comment_create
from notices.models import Delivery, Kind, Notification
from notices.services import preferences_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _email_for_a_comment(idea, capture):
    with capture(execute=True):
        comment_create(idea=idea, author=UserFactory(), body="Count me in.")
    [email] = mail.outbox
    return email


def _link(email) -> str:
    url = re.search(r"http://localhost:8000(/notifications/unsubscribe/\S+/)", email.body).group(1)
    assert email.extra_headers["List-Unsubscribe"] == f"<http://localhost:8000{url}>"
    assert f'href="http://localhost:8000{url}"' in email.alternatives[0][0]
    return url


def test_signed_out_citizen_can_unsubscribe_in_one_click(django_capture_on_commit_callbacks, idea, citizen):
    url = _link(_email_for_a_comment(idea, django_capture_on_commit_callbacks))

    response = Client().get(url)  # nobody signed in
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert preferences_for(citizen)[Kind.COMMENT_POSTED] == Delivery.IN_APP

    # Later comments still show in the app, but no e-mail is sent.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment_create(idea=idea, author=UserFactory(), body="Me too.")
    assert Notification.objects.filter(recipient=citizen).count() == 2
    assert mail.outbox == []


def test_mail_client_can_unsubscribe_with_a_one_click_post(django_capture_on_commit_callbacks, idea, citizen):
    url = _link(_email_for_a_comment(idea, django_capture_on_commit_callbacks))
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert preferences_for(citizen)[Kind.COMMENT_POSTED] == Delivery.IN_APP


@pytest.mark.parametrize(
    "tamper", [lambda u: u.replace("/unsubscribe/", "/unsubscribe/x"), lambda u: u[:-6] + "AAAAA/"]
)
def test_visitor_cannot_unsubscribe_with_a_bad_signature(django_capture_on_commit_callbacks, idea, citizen, tamper):
    url = _link(_email_for_a_comment(idea, django_capture_on_commit_callbacks))
    response = Client().get(tamper(url))
    assert response.status_code == 400
    page = response.content.decode()
    assert "This unsubscribe link is not valid" in page and "Nothing was changed" in page
    assert preferences_for(citizen)[Kind.COMMENT_POSTED] == Delivery.EMAIL
