"""Signed-in people read the site in the language saved on their account."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from core.language import SESSION_KEY, chosen_language


class UserLanguageMiddleware:
    """After LocaleMiddleware and authentication: the account's language beats the browser's.

    Pages only: the API answers in the language of each request's Accept-Language, which
    LocaleMiddleware has already honoured.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and hasattr(request, "session")
            and not request.path.startswith("/api/")
        ):
            code = request.session.get(SESSION_KEY)
            if code is None:
                code = chosen_language(user)
                request.session[SESSION_KEY] = code
            if code:
                translation.activate(code)
                request.LANGUAGE_CODE = code
        return self.get_response(request)
