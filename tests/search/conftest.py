"""Fixtures for the search suites.

`search_backend` runs a test once per backend: the embedded one (SQLite FTS5 or PostgreSQL
full-text, whichever database the run uses) and Elasticsearch (marked `elasticsearch`).
Elasticsearch tests need ELASTICSEARCH_URL (scripts/test starts a node with
scripts/elasticsearch and exports it); without it they fail loudly, never skip. Each test
gets its own index prefix, so parallel runs on one cluster do not collide.
"""

from __future__ import annotations

import itertools
import os

import pytest

from search import port

_counter = itertools.count()


def es_url(settings) -> str:
    url = settings.ELASTICSEARCH_URL or os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        pytest.fail(
            "ELASTICSEARCH_URL is not set: Elasticsearch tests need a real node "
            "(scripts/elasticsearch start; export ELASTICSEARCH_URL=http://127.0.0.1:59200), "
            'or deselect them with -m "not elasticsearch".'
        )
    return url


def use_backend(settings, name: str):
    port.reset_for_tests()
    if name == "elasticsearch":
        settings.ELASTICSEARCH_URL = es_url(settings)
        settings.OASIS_SEARCH_BACKEND = "elasticsearch"
        settings.OASIS_SEARCH_INDEX = f"oasis-test-{os.getpid()}-{next(_counter)}"
        settings.OASIS_SEARCH_REFRESH = True
    else:
        settings.OASIS_SEARCH_BACKEND = "embedded"
    backend = port.get_backend()
    if name == "elasticsearch":
        backend.reset()
    return backend


@pytest.fixture(params=["embedded", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def search_backend(request, settings, db):
    backend = use_backend(settings, request.param)
    yield backend
    try:
        if request.param == "elasticsearch":
            backend.reset()
    finally:
        port.reset_for_tests()


@pytest.fixture
def es_backend(settings, db):
    backend = use_backend(settings, "elasticsearch")
    yield backend
    try:
        backend.reset()
    finally:
        port.reset_for_tests()


def index_now(*ideas) -> None:
    """Queue the given ideas (or ids) and drain the outbox, as the after-commit task does."""
    port.index_ideas_later([getattr(i, "pk", i) for i in ideas])
    report = port.drain()
    assert report.failed == 0, report.error
