"""If Elasticsearch is down, citizens' writes still succeed and the index catches up later."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from ideas.services import idea_submit
from search import port
from search.models import OutboxEntry
from tests.factories import general_campaign

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "elasticsearch"


def es(command: str) -> None:
    subprocess.run([str(SCRIPT), command], check=True, capture_output=True, timeout=180)


@pytest.mark.elasticsearch
def test_citizen_can_submit_while_elasticsearch_is_down_and_nothing_is_lost(
    es_backend, citizen, django_capture_on_commit_callbacks
):
    titles = [f"Outage proof idea {n}" for n in range(5)]
    es("stop")
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
        es("start")

    call_command("search_drain")

    assert not OutboxEntry.objects.exists()
    assert sorted(h.title for h in port.search_ideas(query="outage proof").hits) == titles
    assert port.check().ok
