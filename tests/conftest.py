"""Shared fixtures. Database-backed fixtures rely on the page tree the migrations create."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from core.roles import GROUP_COORDINATORS, GROUP_MODERATORS
from tests.factories import PASSWORD, IdeaFactory, UserFactory, general_campaign, make_campaign


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Suites create many users; the production hasher is deliberately slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def no_language_left_active():
    """A request in Korean leaves Korean active in the thread (LocaleMiddleware activates, nothing
    deactivates): each test starts, and leaves the next one, with no language activated."""
    yield
    translation.deactivate()


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def citizen(db):
    return UserFactory()


@pytest.fixture
def other_citizen(db):
    return UserFactory()


@pytest.fixture
def moderator(db):
    return UserFactory(groups=[GROUP_MODERATORS])


@pytest.fixture
def coordinator(db):
    return UserFactory(groups=[GROUP_COORDINATORS])


@pytest.fixture
def general(db):
    return general_campaign()


@pytest.fixture
def campaign(db):
    return make_campaign()


@pytest.fixture
def idea(db, campaign, citizen):
    return IdeaFactory(campaign=campaign, author=citizen)


@pytest.fixture
def client_for():
    """client_for(user) -> a Django test Client signed in as user."""

    def make(user) -> Client:
        c = Client()
        c.force_login(user)
        return c

    return make


@pytest.fixture
def review_world(db):
    """An idea in review (its process started, not yet screened), with a coordinator, the
    responsible department and its official, and three experts per panel (tests/world.py)."""
    # Imported here, not at the top: every suite loads this conftest, and only the suites that
    # build a review world should depend on the workflow stack importing cleanly.
    from tests.world import make_world

    return make_world()
