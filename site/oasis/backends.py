"""Authentication backends of the site."""

from __future__ import annotations

from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.models import User
from django.http import HttpRequest

from oasis.services import api_token_user


class ApiTokenBackend(BaseBackend):
    """Resolves `authenticate(request, api_token=key)` for `core.api.BearerAuth`.

    Only for the API: a token never starts a session (`get_user` answers nothing).
    """

    def authenticate(self, request: HttpRequest | None, api_token: str | None = None, **kwargs) -> User | None:
        return api_token_user(api_token) if api_token else None

    def get_user(self, user_id: int) -> User | None:
        return None
