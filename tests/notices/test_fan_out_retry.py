"""Retrying a fan-out task never duplicates a notification or an e-mail."""

from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from ideas.models import Idea
from notices.models import Kind, Notification
from notices.services import emails_send_instant
from notices.tasks import notify_event
from tests.factories import IdeaFactory, UserFactory, VoteFactory

pytestmark = pytest.mark.django_db


def _verdict_kwargs(idea) -> dict:
    return {
        "kind": Kind.VERDICT_PUBLISHED,
        "event_key": f"verdict_published:{idea.pk}",
        "audience": [{"idea": idea.pk}],
        "target": {"ct": ContentType.objects.get_for_model(Idea).pk, "pk": str(idea.pk)},
        "data": {"title": idea.title, "url": idea.get_absolute_url(), "outcome": "Adopted"},
    }


def test_voters_cannot_get_a_verdict_twice_when_the_task_is_retried(settings):
    settings.OASIS_NOTICES_BATCH_SIZE = 3  # several batches
    settings.OASIS_NOTICES_EMAIL_BATCH_SIZE = 2
    idea = IdeaFactory()
    for _ in range(7):
        VoteFactory(idea=idea)

    first = notify_event.call(**_verdict_kwargs(idea))
    rows = set(Notification.objects.values_list("pk", "recipient_id"))
    assert first["recipients"] == 8 and len(rows) == 8 and len(mail.outbox) == 8

    second = notify_event.call(**_verdict_kwargs(idea))
    assert second["emailed"] == 0
    assert set(Notification.objects.values_list("pk", "recipient_id")) == rows
    assert len(mail.outbox) == 8
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        Notification.objects.values_list("recipient__email", flat=True)
    )


def test_voters_can_get_the_email_once_after_a_failed_send_is_retried(settings):
    settings.OASIS_NOTICES_EMAIL_BATCH_SIZE = 2
    idea = IdeaFactory()
    for _ in range(3):
        VoteFactory(idea=idea)
    real_send = EmailBackend.send_messages
    calls = {"n": 0}

    def flaky(self, messages):
        calls["n"] += 1
        if calls["n"] == 2:
            raise ConnectionError("SMTP server went away")
        return real_send(self, messages)

    with mock.patch.object(EmailBackend, "send_messages", flaky), pytest.raises(ConnectionError):
        notify_event.call(**_verdict_kwargs(idea))
    assert len(mail.outbox) == 2  # the first batch went out; the failed one was released
    assert Notification.objects.filter(emailed=False).count() == 2

    notify_event.call(**_verdict_kwargs(idea))  # the retry
    assert len(mail.outbox) == 4
    assert len({m.to[0] for m in mail.outbox}) == 4
    assert emails_send_instant() == 0


def test_member_cannot_get_notified_when_inactive():
    idea = IdeaFactory()
    VoteFactory(idea=idea, voter=UserFactory(is_active=False))
    notify_event.call(**_verdict_kwargs(idea))
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [idea.author_id]
