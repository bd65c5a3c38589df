"""If Elasticsearch is down, citizens' writes still succeed and the index catches up later.

The outage is this process's alone: the backend is pointed at a port nothing listens on, so
the shared Elasticsearch node (scripts/elasticsearch) keeps serving every other run.
"""

from __future__ import annotations

import socket

import pytest
from django.core.management import call_command

from ideas.services import idea_submit
from search import port
from search.models import OutboxEntry
from tests.factories import general_campaign


def closed_port() -> int:
    """A local port that was free a moment ago and that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.elasticsearch
def test_citizen_can_submit_while_elasticsearch_is_down_and_nothing_is_lost(
    es_backend, settings, citizen, django_capture_on_commit_callbacks
):
    titles = [f"Outage proof idea {n}" for n in range(5)]
    live_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    port.reset_for_tests()  # the next drain builds a client for the dead node
    try:
        with django_capture_on_commit_callbacks(execute=True):
            for title in titles:
                idea_submit(
                    campaign=general_campaign(), author=citizen, title=title, body="Written while search was down."
                )
        assert OutboxEntry.objects.count() == 5
        assert set(OutboxEntry.objects.values_list("attempts", flat=True)) == {1}
        assert "Error" in OutboxEntry.objects.first().last_error
        with pytest.raises(SystemExit):
            call_command("search_drain")
    finally:
        settings.ELASTICSEARCH_URL = live_url
        port.reset_for_tests()  # back to the live node, with no back-off left from the outage

    call_command("search_drain")

    assert not OutboxEntry.objects.exists()
    assert sorted(h.title for h in port.search_ideas(query="outage proof").hits) == titles
    assert port.check().ok
