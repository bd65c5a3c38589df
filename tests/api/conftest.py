"""Helpers for the API suites: a JSON client that signs requests with a bearer token."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from oasis.services import api_token_issue


class ApiClient:
    """Django's test Client speaking JSON, optionally as a token holder."""

    def __init__(self, key: str | None = None) -> None:
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}

    def _send(self, method: str, url: str, data=None, **extra):
        body = data if isinstance(data, str | bytes) or data is None else json.dumps(data)
        kwargs = {**self.headers, **extra}
        if body is not None:
            kwargs["data"] = body
            kwargs["content_type"] = "application/json"
        return getattr(self.client, method)(url, **kwargs)

    def get(self, url: str, **extra):
        return self.client.get(url, **{**self.headers, **extra})

    def post(self, url: str, data=None, **extra):
        return self._send("post", url, data, **extra)

    def delete(self, url: str, data=None, **extra):
        return self._send("delete", url, data, **extra)

    def put(self, url: str, data=None, **extra):
        return self._send("put", url, data, **extra)


@pytest.fixture
def api_client():
    """api_client(user=None) -> an ApiClient, authenticated with a fresh token when given a user."""

    def make(user=None) -> ApiClient:
        return ApiClient(api_token_issue(user=user) if user is not None else None)

    return make
