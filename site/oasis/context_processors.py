from django.conf import settings
from django.http import HttpRequest


def site_context(request: HttpRequest) -> dict:
    return {"OASIS_SITE_NAME": settings.WAGTAIL_SITE_NAME, "OASIS_LANGUAGES": settings.LANGUAGES}
