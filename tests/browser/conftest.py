"""Shared browser fixtures: a headless Debian Chromium driven by Playwright's sync API.

Never run `playwright install`; we use /usr/bin/chromium through `executable_path`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Django's live_server runs in this process; Playwright's sync API runs an event loop in it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("OASIS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# OASIS_SCREENSHOTS=/tmp/shots puts them elsewhere (to look at them outside the repository).
SCREENSHOTS = Path(os.environ.get("OASIS_SCREENSHOTS") or Path(__file__).resolve().parents[2] / "var" / "screenshots")


@pytest.fixture
def _browser():
    # Function-scoped on purpose: Django's connections live in context variables, and a
    # Playwright session kept open across tests leaves later tests' database setup (the
    # serialized-rollback restore of the page tree) looking at a fresh connection.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_page(_browser):
    """A fresh page in its own browser context (no cookies shared between tests)."""
    context = _browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def screenshot():
    """screenshot(page, name) -> saves var/screenshots/<name>.png (full page) and returns the path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
