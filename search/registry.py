"""Which backend answers: chosen by settings, built once per configuration and process.

`OASIS_SEARCH_BACKEND` is "elasticsearch" when ELASTICSEARCH_URL is set, otherwise "embedded".
Callers go through `search.port`; only this module names a backend class.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from search.backends.base import SearchBackend
from search.backends.embedded import EmbeddedBackend

# Keyed by the settings a backend was built from, so a settings override (tests, the benchmark)
# gets its own client instead of one pointed at the old node or index.
_backends: dict[tuple[Any, ...], SearchBackend] = {}


class SearchUnavailable(Exception):
    """The search backend cannot answer right now (e.g. Elasticsearch is down)."""


def get_backend() -> SearchBackend:
    name = getattr(settings, "OASIS_SEARCH_BACKEND", "embedded")
    if name == "elasticsearch":
        key: tuple[Any, ...] = (
            name,
            settings.ELASTICSEARCH_URL,
            settings.OASIS_SEARCH_INDEX,
            settings.OASIS_SEARCH_REFRESH,
            settings.OASIS_SEARCH_TIMEOUT,
        )
        if key not in _backends:
            if not settings.ELASTICSEARCH_URL:
                raise SearchUnavailable("OASIS_SEARCH_BACKEND is 'elasticsearch' but ELASTICSEARCH_URL is not set")
            _backends[key] = _elasticsearch_backend()
        return _backends[key]
    if name != "embedded":
        raise SearchUnavailable(f"unknown OASIS_SEARCH_BACKEND {name!r}")
    key = (name,)
    if key not in _backends:
        _backends[key] = EmbeddedBackend()
    return _backends[key]


def _elasticsearch_backend() -> SearchBackend:
    # Imported on first use: an embedded-only site never loads the Elasticsearch client.
    from search.backends.es import ElasticsearchBackend

    return ElasticsearchBackend(
        url=settings.ELASTICSEARCH_URL,
        prefix=settings.OASIS_SEARCH_INDEX,
        refresh=settings.OASIS_SEARCH_REFRESH,
        timeout=settings.OASIS_SEARCH_TIMEOUT,
    )


def reset_backends() -> None:
    """Forget every built backend (and its client); the next `get_backend()` builds afresh."""
    _backends.clear()
