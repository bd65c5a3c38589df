"""Helpers for browser tests (import them; they are not fixtures)."""

from __future__ import annotations


def login(page, live_server, username: str, password: str) -> None:
    """Sign in through the real login form and wait until the site shows the user menu."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").last.click()
    page.get_by_role("button", name="Sign out").wait_for()


def logout(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("link", name="Sign in").first.wait_for()
