"""What an idea's input must look like before a service stores it: images, tags, title and text.

Forms and API schemas check shape early for a friendly message; these checks are the ones
that hold whatever the entry point (web, API, staff entry, demo).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, UnidentifiedImageError

ALLOWED_IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
MAX_TAGS = 10
MAX_TAG_LENGTH = 50
TITLE_MIN_LENGTH, TITLE_MAX_LENGTH = 5, 200
BODY_MIN_LENGTH, BODY_MAX_LENGTH = 20, 20_000
COMMENT_MAX_LENGTH = 5_000


def _number(value: int) -> str:
    """A count as the reader writes it ("20,000")."""
    return number_format(value, force_grouping=True)


def images_limit_message() -> str:
    """ "At most N images", in the active language: the form and the service say the same."""
    limit = settings.OASIS_MAX_IMAGES_PER_IDEA
    return ngettext("You can attach at most %(n)s image.", "You can attach at most %(n)s images.", limit) % {
        "n": _number(limit)
    }


def comment_length_message() -> str:
    return _("A comment can be at most %(n)s characters long.") % {"n": _number(COMMENT_MAX_LENGTH)}


def validate_image(upload: UploadedFile) -> None:
    """Reject oversized files and anything that is not really a JPEG, PNG, GIF or WebP."""
    if upload.size > settings.OASIS_MAX_IMAGE_BYTES:
        raise ValidationError(
            _("%(name)s is too large (%(size)s kB); the limit is %(limit)s kB.")
            % {
                "name": upload.name,
                "size": _number(upload.size // 1024),
                "limit": _number(settings.OASIS_MAX_IMAGE_BYTES // 1024),
            },
            code="image_too_large",
        )
    try:
        upload.seek(0)
        with Image.open(upload) as img:
            fmt = img.format
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("%(name)s is not an image we can read (use JPEG, PNG, GIF or WebP).") % {"name": upload.name},
            code="image_type",
        )
    finally:
        upload.seek(0)
    if fmt not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(
            _("%(name)s is a %(fmt)s file; use JPEG, PNG, GIF or WebP.") % {"name": upload.name, "fmt": fmt},
            code="image_type",
        )


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags as stored: spaces collapsed, lower case, no repeats; too long or too many is an error."""
    cleaned: list[str] = []
    for raw in tags:
        tag = " ".join(str(raw).split()).strip().lower()
        if not tag:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise ValidationError(
                _("Tags can be at most %(n)s characters long.") % {"n": _number(MAX_TAG_LENGTH)}, code="tag_length"
            )
        if tag not in cleaned:
            cleaned.append(tag)
    if len(cleaned) > MAX_TAGS:
        raise ValidationError(
            ngettext("An idea can have at most %(n)s tag.", "An idea can have at most %(n)s tags.", MAX_TAGS)
            % {"n": _number(MAX_TAGS)},
            code="too_many_tags",
        )
    return cleaned


def clean_text(title: str, body: str) -> tuple[str, str]:
    """An idea's title and description as stored, or a ValidationError naming the field."""
    title = " ".join((title or "").split())
    body = (body or "").strip()
    errors = {}
    if len(title) < TITLE_MIN_LENGTH:
        errors["title"] = _("Give your idea a title of at least %(n)s characters.") % {"n": _number(TITLE_MIN_LENGTH)}
    elif len(title) > TITLE_MAX_LENGTH:
        errors["title"] = _("The title can be at most %(n)s characters long.") % {"n": _number(TITLE_MAX_LENGTH)}
    if len(body) < BODY_MIN_LENGTH:
        errors["body"] = _("Describe your idea in at least %(n)s characters.") % {"n": _number(BODY_MIN_LENGTH)}
    elif len(body) > BODY_MAX_LENGTH:
        errors["body"] = _("The description can be at most %(n)s characters long.") % {"n": _number(BODY_MAX_LENGTH)}
    if errors:
        raise ValidationError(errors)
    return title, body
