"""When the analysis changes, nothing stays unsearchable: the upgrade queues every idea for
re-analysis, an Elasticsearch index made by the older mapping takes the new fields in place,
and `search_check` reports documents analysed differently as out of date."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from search import analysis, port
from search.backends.es import index_definition
from search.models import OutboxEntry
from tests.factories import IdeaFactory
from tests.search.conftest import index_now


def test_operator_can_upgrade_and_have_every_idea_queued_for_reanalysis(db):
    ideas = [IdeaFactory(), IdeaFactory(hidden=True), IdeaFactory()]
    migration = importlib.import_module("search.migrations.0003_analysed_terms")

    migration.queue_every_idea(apps, SimpleNamespace(connection=connection))

    assert sorted(OutboxEntry.objects.values_list("idea_id", flat=True)) == sorted(i.pk for i in ideas)


def test_operator_can_see_ideas_analysed_by_an_older_analyser_as_stale(search_backend, monkeypatch):
    idea = IdeaFactory(title="Drinking fountains", body="Refill bottles in the park.")
    index_now(idea)
    assert port.check().ok

    monkeypatch.setattr(analysis, "index_terms", lambda text: text.lower())  # a changed analyser
    report = port.check()
    assert report.stale == [idea.pk]


@pytest.mark.elasticsearch
def test_operator_can_keep_draining_into_an_elasticsearch_index_from_before_the_terms(es_backend):
    # An index as the previous mapping made it: strict, without the *_terms fields.
    old = {name: spec for name, spec in index_definition()["mappings"]["properties"].items() if "_terms" not in name}
    es_backend.client.indices.create(
        index=f"{es_backend.alias}-000001",
        mappings={"dynamic": "strict", "properties": old},
        aliases={es_backend.alias: {}},
    )
    es_backend._ensured = False  # as in a worker started after the upgrade

    index_now(IdeaFactory(title="Drinking fountains", body="Refill bottles in the park."))

    assert [h.title for h in port.search_ideas(query="fountain").hits] == ["Drinking fountains"]
    mapping = es_backend.client.indices.get_mapping(index=es_backend.alias).body
    (properties,) = (m["mappings"]["properties"] for m in mapping.values())
    assert properties["title_terms"]["analyzer"] == "whitespace"
    result = port.reindex()  # a fresh index with the current mapping replaces it
    assert list(es_backend.client.indices.get_alias(name=es_backend.alias).body) == [result["index"]]
    assert [h.title for h in port.search_ideas(query="fountains").hits] == ["Drinking fountains"]
