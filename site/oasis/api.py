"""The versioned JSON API, /api/v1/ (django-ninja): the site assembles it here.

The plumbing (authentication, the error contract, pagination) is in the leaf `core.api`;
each app contributes a router from its own `api.py`, mounted below in order, and the
site adds the account endpoints (`/auth/...`) and a JSON 404 for unknown URLs.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Router, Schema, Status
from ninja.errors import AuthenticationError
from pydantic import Field

from core.api import ErrorOut, install_error_handlers, json_error_urls
from ideas.api import router as ideas_router
from notices.api import router as notices_router
from oasis import services as site_services
from oasis.ideas_api import router as composed_ideas_router

api = NinjaAPI(
    title="Oasis API",
    version="1",
    description=gettext_lazy(
        "The JSON API of Oasis, the city's idea marketplace, for the mobile app and integrations. "
        "Get a token with POST /auth/token and send it as `Authorization: Bearer <token>`. "
        'Errors are JSON: `{"detail": "...", "errors": {"field": ["..."]}}`, '
        "written in the language of the request's Accept-Language header (English or Korean)."
    ),
    urls_namespace="api-v1",
)

install_error_handlers(api)


# --- accounts -------------------------------------------------------------------------

auth_router = Router(tags=["auth"])


class RegisterIn(Schema):
    username: str = Field(..., max_length=1000)
    email: str = Field(..., max_length=1000)
    password: str = Field(..., max_length=1000)


class RegisteredOut(Schema):
    id: int
    username: str


class TokenIn(Schema):
    username: str = Field(..., max_length=1000)
    password: str = Field(..., max_length=1000)
    name: str = Field("", max_length=100, description=gettext_lazy("A label for the token, e.g. the device's name."))


class TokenOut(Schema):
    token: str = Field(..., description=gettext_lazy("Send as `Authorization: Bearer <token>`. Shown only once."))


@auth_router.post(
    "/register", response={201: RegisteredOut, 400: ErrorOut}, auth=None, summary=gettext_lazy("Sign up as a citizen")
)
def auth_register(request: HttpRequest, payload: RegisterIn):
    user = site_services.citizen_register(username=payload.username, email=payload.email, password=payload.password)
    return Status(201, {"id": user.pk, "username": user.username})


@auth_router.post(
    "/token",
    response={201: TokenOut, 400: ErrorOut, 401: ErrorOut},
    auth=None,
    summary=gettext_lazy("Get an API token"),
)
def auth_token(request: HttpRequest, payload: TokenIn):
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None or not user.is_active:
        raise AuthenticationError(401, _("Wrong user name or password."))
    return Status(201, {"token": site_services.api_token_issue(user=user, name=payload.name)})


# --- unknown URLs ---------------------------------------------------------------------

fallback = Router()


@fallback.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"], "/{path:rest}", auth=None, include_in_schema=False
)
def not_found(request: HttpRequest, rest: str):
    raise Http404


api.add_router("/auth", auth_router)
api.add_router("", composed_ideas_router)
api.add_router("", ideas_router)
api.add_router("", notices_router)
api.add_router("", fallback)  # last: answers unknown URLs under /api/v1/ with JSON 404


def urls() -> tuple[list[Any], str, str]:
    """`api.urls` with JSON answers for what ninja serves outside its operations (405)."""
    patterns, app_name, namespace = api.urls
    return json_error_urls(patterns), app_name, namespace
