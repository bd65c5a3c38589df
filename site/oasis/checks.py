"""System checks for how the site is configured (run by `manage.py check`, `migrate`, `runserver`)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register


@register()
def base_url_is_set(app_configs, **kwargs) -> list[Error]:
    """Without OASIS_BASE_URL every e-mailed link would point at localhost."""
    if settings.DEBUG or settings.OASIS_BASE_URL:
        return []
    return [
        Error(
            "OASIS_BASE_URL is not set.",
            hint="Set it to the site's public address, e.g. https://oasis.example.org (README, Configuration).",
            id="oasis.E001",
        )
    ]
