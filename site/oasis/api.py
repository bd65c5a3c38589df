"""The versioned JSON API, /api/v1/ (django-ninja).

This module owns the `api` object, its authentication, its error format and the
account endpoints (`/auth/...`). Apps contribute routers from their own `api.py`;
they are mounted lazily (see `OasisAPI.ROUTER_MODULES`) so that importing an app's
api module first never runs into a circular import.

Every error is JSON: `{"detail": "...", "errors": {field: [messages]}}` (`errors` only
for field errors), with 400 for malformed or invalid input, 401 for a missing or bad
token, 403, 404, 405, 409 for conflicts (campaign closed, voting ended) and 413 for an
oversized body.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router, Schema, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf
from pydantic import Field

from oasis import services as site_services

logger = logging.getLogger("oasis.api")

# ValidationError codes raised by services that are not about the input but about the
# state of the thing acted on.
CONFLICT_CODES = frozenset({"campaign_closed", "voting_closed", "already_reported"})
NOT_FOUND_CODES = frozenset({"idea_unavailable"})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


# --- authentication -----------------------------------------------------------------


class BearerAuth(HttpBearer):
    """`Authorization: Bearer <key>` with a key from `oasis.services.api_token_issue`.

    A token that is sent but not valid is an error (401) rather than "anonymous".
    """

    openapi_description = "An API token from POST /api/v1/auth/token, sent as `Authorization: Bearer <token>`."

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = site_services.api_token_user(token.strip()) if token.strip() else None
        if user is None:
            raise AuthenticationError(401, _("The API token is missing, unknown or revoked."))
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The site's own session (for its JavaScript). Unsafe methods need the CSRF token.

    Unlike ninja's SessionAuth, the CSRF check only runs for a signed-in session, so an
    anonymous write gets 401 (not 403), and bearer requests never reach this class.
    """

    param_name = settings.SESSION_COOKIE_NAME
    openapi_description = "The site's session cookie; POST/DELETE also need the X-CSRFToken header."

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method in UNSAFE_METHODS and check_csrf(request):
            raise HttpError(403, _("CSRF check failed: send the X-CSRFToken header with the session."))
        return user


bearer_auth = BearerAuth()
session_auth = SessionAuth()
# Endpoints that act for someone: a bearer token or the signed-in session.
AUTH = [bearer_auth, session_auth]


def request_user(request: HttpRequest) -> User | AnonymousUser:
    """Who is calling a public endpoint: the bearer token's user, the session's, or anonymous.

    A bad bearer token is still a 401, so a client never silently reads as anonymous.
    """
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _sep, token = header.partition(" ")
        if scheme.lower() != "bearer":
            raise AuthenticationError(401, _("Use `Authorization: Bearer <token>`."))
        return bearer_auth.authenticate(request, token)
    return getattr(request, "user", None) or AnonymousUser()


# --- error format ---------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] | None = Field(None, description="Messages per field, for invalid input.")


ERRORS_READ = {401: ErrorOut, 404: ErrorOut}
ERRORS_WRITE = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def error_response(
    request: HttpRequest, status: int, detail: str, errors: dict[str, list[str]] | None = None
) -> HttpResponse:
    body: dict[str, Any] = {"detail": str(detail)}
    if errors:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


def _django_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        codes = {e.code for errs in exc.error_dict.values() for e in errs}
        errors = {("non_field_errors" if k == "__all__" else k): list(v) for k, v in exc.message_dict.items()}
    else:
        codes = {e.code for e in exc.error_list}
        errors = None
    messages = exc.messages
    if codes & NOT_FOUND_CODES:
        return error_response(request, 404, messages[0])
    status = 409 if codes & CONFLICT_CODES else 400
    detail = messages[0] if len(messages) == 1 else _("Some fields are not valid; see `errors`.")
    return error_response(request, status, detail, errors)


def _field_name(loc: Iterable[Any]) -> str:
    parts = [str(p) for p in loc]
    source, rest = parts[0], parts[1:]
    if source == "body" and len(rest) > 1:
        rest = rest[1:]  # drop the name of the endpoint's body parameter
    return ".".join(rest) or source


def _ninja_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field_name(error.get("loc", ("body",))), []).append(str(error.get("msg", "")))
    return error_response(request, 400, _("The request is not valid; see `errors`."), errors)


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        return error_response(request, 400, _("The request body is not valid JSON."))
    detail = str(exc)
    if isinstance(exc, AuthenticationError) and detail == "Unauthorized":  # ninja's default: nobody signed in
        detail = _("Authentication required: send `Authorization: Bearer <token>`.")
    response = error_response(request, exc.status_code, detail)
    if exc.status_code == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def _permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(request, 403, str(exc) or _("You are not allowed to do that."))


def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, _("Not found."))


def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error_response(request, 413, _("The request body is too large."))


def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("Unhandled error in %s %s", request.method, request.path)
    return error_response(request, 500, _("Something went wrong on our side. Please try again later."))


def _json_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Turn what ninja answers outside its operations (405, the root's 404) into JSON errors."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return error_response(request, 404, _("Not found."))
        if response.status_code == 405 and not response.get("Content-Type", "").startswith("application/json"):
            allow = response.get("Allow", "")
            response = error_response(
                request, 405, _("Method %(method)s is not allowed here.") % {"method": request.method}
            )
            response["Allow"] = allow
        return response

    return wrapped


class OasisAPI(NinjaAPI):
    # Routers contributed by apps, mounted at the API root in this order.
    ROUTER_MODULES = ("ideas.api.router", "notices.api.router")

    _apps_mounted = False

    def mount_app_routers(self) -> None:
        if self._apps_mounted:
            return
        self._apps_mounted = True
        for dotted in self.ROUTER_MODULES:
            self.add_router("", import_string(dotted))
        self.add_router("", fallback)  # last: answers unknown URLs under /api/v1/ with JSON 404

    def _get_urls(self) -> list[Any]:
        self.mount_app_routers()
        patterns = super()._get_urls()
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = _json_errors(pattern.callback)
        return patterns

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        self.mount_app_routers()
        return super().get_openapi_schema(**kwargs)


api = OasisAPI(
    title="Oasis API",
    version="1",
    description=(
        "The JSON API of Oasis, the city's idea marketplace, for the mobile app and integrations. "
        "Get a token with POST /auth/token and send it as `Authorization: Bearer <token>`. "
        'Errors are JSON: `{"detail": "...", "errors": {"field": ["..."]}}`.'
    ),
    urls_namespace="api-v1",
)

api.add_exception_handler(DjangoValidationError, _django_validation_error)
api.add_exception_handler(NinjaValidationError, _ninja_validation_error)
api.add_exception_handler(HttpError, _http_error)
api.add_exception_handler(PermissionDenied, _permission_denied)
api.add_exception_handler(Http404, _not_found)
api.add_exception_handler(RequestDataTooBig, _too_big)
api.add_exception_handler(Exception, _unexpected)


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
    name: str = Field("", max_length=100, description="A label for the token, e.g. the device's name.")


class TokenOut(Schema):
    token: str = Field(..., description="Send as `Authorization: Bearer <token>`. Shown only once.")


@auth_router.post("/register", response={201: RegisteredOut, 400: ErrorOut}, auth=None, summary="Sign up as a citizen")
def auth_register(request: HttpRequest, payload: RegisterIn):
    user = site_services.citizen_register(username=payload.username, email=payload.email, password=payload.password)
    return Status(201, {"id": user.pk, "username": user.username})


@auth_router.post(
    "/token", response={201: TokenOut, 400: ErrorOut, 401: ErrorOut}, auth=None, summary="Get an API token"
)
def auth_token(request: HttpRequest, payload: TokenIn):
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None or not user.is_active:
        raise AuthenticationError(401, _("Wrong user name or password."))
    return Status(201, {"token": site_services.api_token_issue(user=user, name=payload.name)})


api.add_router("/auth", auth_router)


# --- unknown URLs ---------------------------------------------------------------------

fallback = Router()


@fallback.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"], "/{path:rest}", auth=None, include_in_schema=False
)
def not_found(request: HttpRequest, rest: str):
    raise Http404
