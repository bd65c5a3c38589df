"""Every state change lands on the public timeline: what, when, who (by office), from, to, why."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from ideas.models import IdeaStatus, TimelineEvent
from ideas.moderation import idea_hide, idea_restore
from ideas.services import idea_set_status, idea_submit, idea_update, idea_withdraw
from ideas.voting import vote_cast
from tests.factories import DepartmentFactory, IdeaFactory, UserFactory, make_campaign

pytestmark = pytest.mark.django_db

TEXT = {"title": "Night buses to Eunpyeong", "body": "Add a night bus between City Hall and Eunpyeong."}


def rows(idea) -> list[tuple]:
    return list(idea.timeline.values_list("kind", "office", "from_status", "to_status", "actor_id"))


def test_citizen_can_see_submission_and_edit_on_the_timeline(citizen, campaign):
    idea = idea_submit(campaign=campaign, author=citizen, **TEXT)
    idea_update(idea=idea, user=citizen, title=TEXT["title"] + " (N-line)", body=TEXT["body"])

    assert rows(idea) == [
        (TimelineEvent.Kind.SUBMITTED, "Citizen", "", IdeaStatus.OPEN, citizen.pk),
        (TimelineEvent.Kind.EDITED, "Citizen", "", "", citizen.pk),
    ]


def test_citizen_can_see_a_withdrawal_on_the_timeline(idea, citizen):
    idea_withdraw(idea=idea, user=citizen)

    assert rows(idea) == [(TimelineEvent.Kind.WITHDRAWN, "Citizen", IdeaStatus.OPEN, IdeaStatus.WITHDRAWN, citizen.pk)]


def test_citizen_can_see_the_selection_and_its_reason_on_the_timeline(django_capture_on_commit_callbacks):
    idea = IdeaFactory(campaign=make_campaign(vote_threshold=2))
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            vote_cast(idea=idea, voter=UserFactory())

    # The review workflow may add its own events after this one.
    event = idea.timeline.first()
    assert (event.kind, event.office, event.from_status, event.to_status, event.actor) == (
        TimelineEvent.Kind.SELECTED,
        "Citizens",
        IdeaStatus.OPEN,
        IdeaStatus.IN_REVIEW,
        None,
    )
    assert event.note_text == "Reached the campaign's vote threshold of 2."


def test_citizen_can_see_moderation_and_its_reason_on_the_timeline(idea, moderator):
    idea_hide(idea=idea, moderator=moderator, reason="Contains a phone number")
    idea_restore(idea=idea, moderator=moderator, reason="Phone number removed")

    events = list(idea.timeline.values_list("kind", "office", "actor_id", "note"))
    assert events == [
        (TimelineEvent.Kind.HIDDEN, "Moderators", moderator.pk, "Contains a phone number"),
        (TimelineEvent.Kind.RESTORED, "Moderators", moderator.pk, "Phone number removed"),
    ]


def test_citizen_can_see_an_archival_and_its_reason_on_the_timeline():
    now = timezone.now()
    campaign = make_campaign(opens_at=now - timedelta(days=20), closes_at=now - timedelta(days=1), vote_threshold=7)
    idea = IdeaFactory(campaign=campaign)

    call_command("ideas_sweep", stdout=io.StringIO())

    event = idea.timeline.get()
    assert (event.kind, event.office, event.from_status, event.to_status, event.actor) == (
        TimelineEvent.Kind.ARCHIVED,
        "Oasis",
        IdeaStatus.OPEN,
        IdeaStatus.ARCHIVED,
        None,
    )
    assert "threshold of 7" in event.note_text


def test_department_officer_is_shown_by_office_not_by_name(citizen, campaign):
    department = DepartmentFactory(name="Seoul Transport Office", slug="transport")
    officer = UserFactory(username="kim.officer", groups=[department.group.name])

    idea = idea_submit(campaign=campaign, author=citizen, **TEXT)
    idea_set_status(idea=idea, to_status=IdeaStatus.OUT_OF_SCOPE, actor=officer, note="A national matter")

    event = idea.timeline.last()
    assert (event.office, event.from_status, event.to_status, event.note) == (
        "Seoul Transport Office",
        IdeaStatus.OPEN,
        IdeaStatus.OUT_OF_SCOPE,
        "A national matter",
    )
    assert "kim.officer" not in event.office
