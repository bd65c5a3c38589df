"""Daily digest: one e-mail with every pending item instead of one per event; nothing sent twice."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from ideas.services import comment_create
from notices.models import Delivery, Kind
from notices.services import delivery_set, preference_set
from tests.factories import IdeaFactory, UserFactory
from tests.notices.helpers import inbox_of

pytestmark = pytest.mark.django_db


def test_citizen_can_get_one_digest_with_all_pending_items(django_capture_on_commit_callbacks, citizen):
    delivery_set(user=citizen, daily_digest=True)
    preference_set(user=citizen, kind=Kind.COMMENT_REPLIED, channel=Delivery.EMAIL)
    first, second = IdeaFactory(author=citizen, title="Library hours"), IdeaFactory(author=citizen, title="Bike lanes")
    with django_capture_on_commit_callbacks(execute=True):
        comment_create(idea=first, author=UserFactory(username="bo"), body="Yes please.")
        comment_create(idea=second, author=UserFactory(username="cy"), body="On every street.")
        mine = comment_create(idea=IdeaFactory(title="Night buses"), author=citizen, body="Line 7 too.")
        comment_create(idea=mine.idea, author=UserFactory(username="di"), body="Agreed.", parent=mine)
    assert inbox_of(citizen) == []  # no e-mail per event for digest readers

    call_command("notices_digest", stdout=StringIO())
    [digest] = inbox_of(citizen)
    assert "3 updates" in digest.subject
    for line in (
        "bo commented on your idea “Library hours”",
        "cy commented on your idea “Bike lanes”",
        "di replied to your comment on “Night buses”",
    ):
        assert line in digest.body
    assert "/notifications/unsubscribe/" in digest.body and "List-Unsubscribe" in digest.extra_headers

    call_command("notices_digest", stdout=StringIO())
    assert len(inbox_of(citizen)) == 1  # nothing is sent twice


def test_digest_reader_cannot_get_items_they_chose_to_see_in_the_app_only(django_capture_on_commit_callbacks, citizen):
    delivery_set(user=citizen, daily_digest=True)
    preference_set(user=citizen, kind=Kind.COMMENT_POSTED, channel=Delivery.IN_APP)
    with django_capture_on_commit_callbacks(execute=True):
        comment_create(idea=IdeaFactory(author=citizen), author=UserFactory(), body="Hello.")
    call_command("notices_digest", stdout=StringIO())
    assert mail.outbox == []
