"""Small template helpers for the Oasis site templates."""

from __future__ import annotations

import re

from django import template

from core.roles import GROUP_COORDINATORS, GROUP_EXTERNAL_EXPERTS, GROUP_INTERNAL_EXPERTS, GROUP_MODERATORS
from ideas.models import IdeaStatus

register = template.Library()

REVIEW_GROUPS = {GROUP_COORDINATORS, GROUP_MODERATORS, GROUP_INTERNAL_EXPERTS, GROUP_EXTERNAL_EXPERTS}


@register.simple_tag(takes_context=True)
def oasis_nav(context) -> dict[str, bool]:
    """Which staff links the navigation shows. Safe without a request (error pages)."""
    user = context.get("user") or getattr(context.get("request"), "user", None)
    flags = {"review": False, "admin": False, "staff_entry": False, "selected": False}
    if user is None or not getattr(user, "is_authenticated", False):
        return flags
    if user.is_superuser:
        return dict.fromkeys(flags, True)
    groups = user.groups.all()
    names = {g.name for g in groups}
    in_department = user.groups.filter(department__isnull=False).exists()
    flags["review"] = bool(names & REVIEW_GROUPS) or in_department
    flags["admin"] = user.is_staff or user.has_perm("wagtailadmin.access_admin")
    flags["staff_entry"] = user.has_perm("ideas.enter_for_citizen")
    flags["selected"] = user.has_perm("ideas.see_selected")
    return flags


# Hangul syllables, Jamo and compatibility Jamo: the letters of Korean text.
_HANGUL = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
# A Hangul syllable block is a whole syllable, worth about three Latin letters.
_SYLLABLE_WEIGHT = 3


@register.filter
def content_lang(text: object) -> str:
    """The language of a piece of user-generated text, for its own `lang` attribute: "ko" or "en".

    Ideas and comments are written in either language whatever the page's language is, so
    screen readers and fonts need `<h1 lang="{{ idea.title|content_lang }}">`. "ko" when the
    text is mainly Hangul: a Korean sentence quoting an English name stays Korean, an English
    one quoting a Korean place name stays English. Text without letters counts as English.
    """
    value = str(text or "")
    hangul = len(_HANGUL.findall(value))
    others = sum(1 for ch in value if ch.isalpha()) - hangul
    return "ko" if hangul and hangul * _SYLLABLE_WEIGHT >= others else "en"


@register.filter
def status_label(value: str) -> str:
    try:
        return IdeaStatus(value).label
    except ValueError:
        return value


@register.filter
def status_class(value: str) -> str:
    return f"badge badge--{value.replace('_', '-')}" if value else "badge"
