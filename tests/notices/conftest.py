"""Each test starts in the site's default language and leaves no other language behind.

A request in Korean (a reader's account language, LocaleMiddleware) activates it for the
thread and nothing deactivates it afterwards; without this, the next test would run in Korean.
"""

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def site_language():
    with translation.override(settings.LANGUAGE_CODE):
        yield
