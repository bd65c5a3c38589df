"""`manage.py seed_demo` fills the site with demo data, and running it again changes nothing."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from ideas import selectors
from ideas.demo import DEMO_PASSWORD
from ideas.models import CampaignPage, Comment, Department, Follow, Idea, IdeaStatus, TimelineEvent, Vote

# Real transactions, as when an operator runs the command: each vote's after-commit work
# (threshold selection, the review workflow's start) runs when that vote commits.
# serialized_rollback restores the page tree from the migrations after the flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def snapshot() -> dict[str, object]:
    return {
        "users": User.objects.count(),
        "departments": Department.objects.count(),
        "campaigns": CampaignPage.objects.count(),
        "ideas": sorted(Idea.objects.values_list("title", "status", "hidden")),
        "votes": Vote.objects.count(),
        "comments": Comment.objects.count(),
        "follows": Follow.objects.count(),
        "timeline": TimelineEvent.objects.count(),
    }


def test_operator_can_seed_the_demo_twice_without_changes():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    first = snapshot()
    call_command("seed_demo", stdout=io.StringIO())

    assert snapshot() == first
    assert first["departments"] == 4
    assert first["campaigns"] == 4  # three theme campaigns and the general one
    assert len(first["ideas"]) >= 30
    assert User.objects.filter(groups__name="citizens").count() >= 15
    statuses = {status for _title, status, hidden in first["ideas"] if not hidden}
    assert {IdeaStatus.OPEN, IdeaStatus.IN_REVIEW, IdeaStatus.ARCHIVED, IdeaStatus.WITHDRAWN} <= statuses
    assert any(hidden for *_rest, hidden in first["ideas"])
    assert Comment.objects.filter(parent__isnull=False).exists()
    # The login table names every role with the shared password.
    for username in ("alice", "mod", "coord", "expert_in1", "expert_ex2", "officer_env", "editor", "admin"):
        assert username in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()


def test_citizens_can_select_demo_ideas_for_review_through_real_votes():
    call_command("seed_demo", stdout=io.StringIO())

    selected = list(selectors.ideas_selected_for_review())
    assert selected
    for idea in selected:
        assert idea.votes >= idea.campaign.threshold
        assert idea.timeline.filter(kind=TimelineEvent.Kind.SELECTED).count() == 1
    archived = Idea.objects.filter(status=IdeaStatus.ARCHIVED).with_vote_count()
    assert archived and all(i.campaign.has_closed and i.votes_total < i.campaign.threshold for i in archived)
    assert all(not i.hidden for i in selectors.ideas_for_list())


def test_demo_user_can_sign_in_with_the_demo_password(client):
    call_command("seed_demo", stdout=io.StringIO())

    assert client.login(username="alice", password=DEMO_PASSWORD)
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    editor = User.objects.get(username="editor")
    assert editor.has_perm("wagtailadmin.access_admin")
    officer = User.objects.get(username="officer_env")
    assert officer.groups.filter(department__slug="environment").exists()


def test_operator_sees_a_summary_of_the_demo_e_mails_instead_of_the_e_mails(capsys, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # as scripts/run has it
    out = io.StringIO()
    call_command("seed_demo", stdout=out)

    printed = capsys.readouterr().out
    assert "Subject:" not in printed  # the console backend printed none of them
    assert "Notification e-mails the demo produced:" in out.getvalue()
    # The logins close the output, where the operator looks first.
    assert out.getvalue().rstrip().splitlines()[-1].strip().startswith(("admin", "alice", "mod", "tina", "editor"))
