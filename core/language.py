"""The language a person reads Oasis in: chosen on their account, else negotiated per request.

Everything sent to someone (e-mails, digests, notifications) is rendered in `user_language(user)`,
not in the language of whoever caused it.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager

from django.conf import settings
from django.utils import translation

from core.models import Profile

# The signed-in person's language, cached in their session so pages cost no extra query.
SESSION_KEY = "oasis_language"


def supported(code: str | None) -> str | None:
    """`code` reduced to a language the site speaks ("ko-KR" -> "ko"), or None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def chosen_language(user) -> str:
    """The language `user` chose on their account, or "" when they never chose one."""
    if user is None or not getattr(user, "pk", None):
        return ""
    cached = getattr(user, "_oasis_language", None)
    if cached is None:
        cached = Profile.objects.filter(user=user).values_list("language", flat=True).first() or ""
        user._oasis_language = cached
    return cached


def user_language(user) -> str:
    """The language to write to `user` in: their choice, else the site default."""
    return chosen_language(user) or settings.LANGUAGE_CODE


def user_languages(user_ids: Iterable[int]) -> dict[int, str]:
    """`user_language` of many people in one query (a fan-out renders once per language)."""
    ids = set(user_ids)
    chosen = dict(Profile.objects.filter(user_id__in=ids).exclude(language="").values_list("user_id", "language"))
    return {pk: chosen.get(pk) or settings.LANGUAGE_CODE for pk in ids}


def set_user_language(user, code: str) -> None:
    """Remember `code` as the language `user` reads and is written to in."""
    code = supported(code) or settings.LANGUAGE_CODE
    Profile.objects.update_or_create(user=user, defaults={"language": code})
    user._oasis_language = code


def for_user(user) -> AbstractContextManager:
    """`with for_user(user): ...` renders templates and gettext in the recipient's language."""
    return translation.override(user_language(user))
