"""At scale the fan-out is queued work: the request that causes it returns without doing it."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from notices.models import Kind, Notification
from tests.factories import UserFactory

# The worker opens its own transactions (BEGIN EXCLUSIVE on SQLite), so no test transaction.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def database_task_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_commenting_queues_the_notification_and_the_worker_delivers_it(
    database_task_backend, client_for, idea, citizen
):
    commenter = UserFactory()
    fan_outs = DBTaskResult.objects.filter(task_path="notices.tasks.notify_event")
    queued_before = fan_outs.count()  # e.g. the campaign's own "campaign opened" news
    Notification.objects.all().delete()
    response = client_for(commenter).post(f"/ideas/{idea.pk}/comment/", {"body": "Yes, please do this."})

    assert response.status_code == 302
    # The request only queued the fan-out ...
    assert not Notification.objects.exists()
    assert fan_outs.count() == queued_before + 1

    call_command("db_worker", "--batch", "--no-reload", verbosity=0)

    # ... and the worker delivered it, once.
    [notification] = Notification.objects.filter(kind=Kind.COMMENT_POSTED)
    assert notification.recipient == citizen
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
