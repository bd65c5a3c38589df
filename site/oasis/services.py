"""Site-wide services: accounts and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.language import set_user_language
from core.roles import GROUP_CITIZENS
from oasis.models import ApiToken


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_issue(*, user: User, name: str = "") -> str:
    """Create a token for `user` and return its key (the only time it is visible)."""
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, digest=token_digest(key), name=name[:100])
    return key


def api_token_user(key: str) -> User | None:
    token = ApiToken.objects.select_related("user").filter(digest=token_digest(key)).first()
    if token is None or not token.user.is_active:
        return None
    return token.user


def citizen_register(*, username: str, email: str, password: str, language: str = "") -> User:
    """Sign a citizen up: validates the password and puts them in the citizens group.

    `language` (the one they signed up in) becomes their account's language, so what Oasis
    sends them later is written in it.
    """
    username = (username or "").strip()
    email = (email or "").strip()
    errors: dict[str, list[str]] = {}
    if not username or len(username) > 150:
        errors["username"] = [_("Choose a user name of 1 to 150 characters.")]
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = [_("That user name is taken.")]
    if not email or "@" not in email:
        errors["email"] = [_("Enter a valid email address.")]
    candidate = User(username=username, email=email)
    try:
        validate_password(password or "", user=candidate)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            user = User.objects.create_user(username=username, email=email, password=password)
            user.groups.add(Group.objects.get_or_create(name=GROUP_CITIZENS)[0])
            if language:
                set_user_language(user, language)
    except IntegrityError:
        raise ValidationError({"username": [_("That user name is taken.")]})
    return user
