"""The API plumbing every router shares: authentication, the error contract, pagination.

Every error is JSON: `{"detail": "...", "errors": {field: [messages]}}` (`errors` only
for field errors), with 400 for malformed or invalid input, 401 for a missing or bad
token, 403, 404, 405, 409 for conflicts (campaign closed, voting ended) and 413 for an
oversized body. `install_error_handlers(api)` wires that contract into a NinjaAPI.

A leaf: it imports no Oasis app, so every app's `api.py` can use it and the site
mounts their routers plainly.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf
from pydantic import Field

logger = logging.getLogger("oasis.api")

# ValidationError codes raised by services that are not about the input but about the
# state of the thing acted on.
CONFLICT_CODES = frozenset({"campaign_closed", "voting_closed", "already_reported"})
NOT_FOUND_CODES = frozenset({"idea_unavailable"})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


# --- authentication -----------------------------------------------------------------


class BearerAuth(HttpBearer):
    """`Authorization: Bearer <key>`, resolved by whichever auth backend knows `api_token`
    (the site's `oasis.backends.ApiTokenBackend`).

    A token that is sent but not valid is an error (401) rather than "anonymous".
    """

    openapi_description = gettext_lazy(
        "An API token from POST /api/v1/auth/token, sent as `Authorization: Bearer <token>`."
    )

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = authenticate(request, api_token=token.strip()) if token.strip() else None
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
    openapi_description = gettext_lazy("The site's session cookie; POST/DELETE also need the X-CSRFToken header.")

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
    detail: str = Field(..., description=gettext_lazy("What went wrong, in the language of the request."))
    errors: dict[str, list[str]] | None = Field(
        None, description=gettext_lazy("Messages per field, for invalid input.")
    )


ERRORS_READ = {401: ErrorOut, 404: ErrorOut}
ERRORS_WRITE = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def error_response(
    request: HttpRequest, status: int, detail: str, errors: dict[str, list[str]] | None = None
) -> HttpResponse:
    body: dict[str, Any] = {"detail": str(detail)}
    if errors:
        body["errors"] = errors
    return JsonResponse(body, status=status)


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


def field_message(error: dict[str, Any]) -> str:
    """One of pydantic's input errors said in the request's language.

    pydantic writes its messages in English only, so the kinds a client meets are worded
    here, several with Django's own msgids (already translated); the rest get a general one.
    """
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind == "string_too_short":
        limit = ctx.get("min_length", 0)
        return ngettext("Write at least %(n)d character.", "Write at least %(n)d characters.", limit) % {"n": limit}
    if kind == "string_too_long":
        limit = ctx.get("max_length", 0)
        return ngettext("Write at most %(n)d character.", "Write at most %(n)d characters.", limit) % {"n": limit}
    if kind == "too_long":
        limit = ctx.get("max_length", 0)
        return ngettext("Give at most %(n)d item.", "Give at most %(n)d items.", limit) % {"n": limit}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Enter a whole number.")
    if kind in ("float_parsing", "float_type", "decimal_parsing"):
        return _("Enter a number.")
    if kind == "greater_than_equal":
        return _("Ensure this value is greater than or equal to %(limit_value)s.") % {"limit_value": ctx.get("ge")}
    if kind == "less_than_equal":
        return _("Ensure this value is less than or equal to %(limit_value)s.") % {"limit_value": ctx.get("le")}
    if kind in ("string_type", "string_unicode"):
        return _("Enter text.")
    if kind in ("list_type", "tuple_type", "set_type"):
        return _("Enter a list of values.")
    if kind in ("bool_parsing", "bool_type"):
        return _("Enter true or false.")
    if kind == "literal_error":
        return _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    if kind in ("model_attributes_type", "dict_type", "model_type"):
        return _("Send a JSON object.")
    return _("Enter a valid value.")


def _ninja_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field_name(error.get("loc", ("body",))), []).append(field_message(error))
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


def install_error_handlers(api: NinjaAPI) -> None:
    """Make every error `api` answers follow the contract above."""
    api.add_exception_handler(DjangoValidationError, _django_validation_error)
    api.add_exception_handler(NinjaValidationError, _ninja_validation_error)
    api.add_exception_handler(HttpError, _http_error)
    api.add_exception_handler(PermissionDenied, _permission_denied)
    api.add_exception_handler(Http404, _not_found)
    api.add_exception_handler(RequestDataTooBig, _too_big)
    api.add_exception_handler(Exception, _unexpected)


def json_error_urls(patterns: list[Any]) -> list[Any]:
    """Wrap an API's URL patterns so what ninja answers outside its operations is JSON too."""
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _json_errors(pattern.callback)
    return patterns


# --- pagination -----------------------------------------------------------------------


class PageIn(Schema):
    page: int = Field(1, ge=1)
    page_size: int = Field(20, ge=1, le=100)


class PageOut(Schema):
    """The envelope of every paginated list; subclasses declare `results`."""

    count: int = Field(..., description=gettext_lazy("Items matching the filters, over all pages."))
    page: int
    page_size: int
    next: str | None = Field(None, description=gettext_lazy("URL of the next page, if any."))
    previous: str | None = Field(None, description=gettext_lazy("URL of the previous page, if any."))


def page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def page_envelope(
    request: HttpRequest,
    *,
    page: int,
    page_size: int,
    count: int,
    results: Sequence[Any],
    has_next: bool | None = None,
) -> dict[str, Any]:
    """The `PageOut` fields for `results`, the items of `page` out of `count`.

    `has_next` overrides "more items after this page" where a backend caps how deep one may page.
    """
    if has_next is None:
        has_next = page * page_size < count
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "next": page_url(request, page + 1) if has_next else None,
        "previous": page_url(request, page - 1) if page > 1 else None,
        "results": results,
    }


def paginate(
    request: HttpRequest, qs: QuerySet, *, page: int, page_size: int, out: Callable[[Any], Any] = lambda x: x
) -> dict[str, Any]:
    """One page of `qs` (counted once), each item passed through `out`, in the `PageOut` envelope."""
    count = qs.count()
    start = (page - 1) * page_size
    items = list(qs[start : start + page_size]) if start < count else []
    return page_envelope(request, page=page, page_size=page_size, count=count, results=[out(i) for i in items])
