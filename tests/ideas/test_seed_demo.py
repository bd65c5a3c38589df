"""`manage.py seed_demo` fills the site with demo data in English and Korean, and running it again changes nothing."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from wagtail.models import Locale, Page, Site

from core.language import chosen_language
from ideas import selectors
from ideas.demo import DEMO_PASSWORD, KOREAN_CITIZENS
from ideas.models import CampaignPage, Comment, Department, Follow, Idea, IdeaStatus, TimelineEvent, Vote

# Real transactions, as when an operator runs the command: each vote's after-commit work
# (threshold selection, the review workflow's start) runs when that vote commits.
# serialized_rollback restores the page tree from the migrations after the flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def snapshot() -> dict[str, object]:
    return {
        "users": User.objects.count(),
        "departments": Department.objects.count(),
        "campaigns": CampaignPage.objects.canonical().count(),
        "pages": sorted(Page.objects.values_list("locale__language_code", "url_path", "live", "alias_of")),
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
    assert first["campaigns"] == 4  # three theme campaigns and the general one, each in English and Korean
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


def test_operator_gets_the_pages_and_campaigns_in_korean_and_ideas_written_in_korean():
    Site.clear_site_root_paths_cache()
    call_command("seed_demo", stdout=io.StringIO())

    korean = Locale.objects.get(language_code="ko")
    translated = Page.objects.filter(locale=korean, live=True, alias_of__isnull=True).specific()
    assert {type(p).__name__ for p in translated} == {"HomePage", "StandardPage", "CampaignIndexPage", "CampaignPage"}
    assert CampaignPage.objects.filter(locale=korean, live=True, alias_of__isnull=True).count() == 4
    for campaign in CampaignPage.objects.filter(locale=korean):
        assert campaign.canonical.locale.language_code == "en"
        assert campaign.url == campaign.canonical.url
        assert campaign.title != campaign.canonical.title

    client = Client()
    for url, english, korean_text in [
        ("/", "Oasis", "시민이 제안하고, 전문가가 검토하고, 서울시가 답합니다."),
        ("/about/", "About Oasis", "오아시스 소개"),
        ("/campaigns/safer-streets/", "Safer streets for walking and cycling", "걷기 좋고 자전거 타기 안전한 거리"),
    ]:
        in_korean = client.get(url, HTTP_ACCEPT_LANGUAGE="ko-KR").content.decode()
        in_english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert korean_text in in_korean and korean_text not in in_english, url
        assert english in in_english, url
    # The Korean campaign page lists the campaign's ideas, the Korean one among them.
    assert (
        "어린이 보호구역 횡단보도에 옐로카펫을 설치해 주세요"
        in client.get("/campaigns/safer-streets/", HTTP_ACCEPT_LANGUAGE="ko-KR").content.decode()
    )

    written_in_korean = Idea.objects.filter(author__username__in=KOREAN_CITIZENS).select_related("campaign")
    assert written_in_korean.count() >= 5
    assert {"한강공원 자전거 보관소를 늘려 주세요", "어린이 보호구역 횡단보도에 옐로카펫을 설치해 주세요"} <= {
        i.title for i in written_in_korean
    }
    assert all(i.campaign.locale.language_code == "en" for i in written_in_korean)  # the original campaigns
    assert Comment.objects.filter(author__username__in=KOREAN_CITIZENS).exists()
    for name in KOREAN_CITIZENS:
        assert chosen_language(User.objects.get(username=name)) == "ko"
    # The demo's editor translates in the admin, string by string.
    editor = Client()
    assert editor.login(username="editor", password=DEMO_PASSWORD)
    korean_campaign = CampaignPage.objects.filter(locale=korean).first()
    assert editor.get(f"/admin/pages/{korean_campaign.pk}/edit/").status_code == 200
    assert editor.get(f"/admin/localize/submit/page/{korean_campaign.canonical.pk}/").status_code in (200, 302)
