"""The Wagtail admin lists departments, ideas, comments and reports; ideas are read-only there."""

import pytest

from ideas.models import Report
from tests.factories import CommentFactory, IdeaFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for):
    return client_for(UserFactory(is_superuser=True, is_staff=True, groups=[]))


def test_superuser_can_open_the_idea_admin_pages(admin_client, idea):
    comment = CommentFactory(idea=idea)
    Report.objects.create(reporter=UserFactory(), idea=idea, reason="Spam here")
    for url in [
        "/admin/snippets/ideas/department/",
        "/admin/snippets/ideas/idea/",
        "/admin/snippets/ideas/idea/?status=open&hidden=false",
        f"/admin/snippets/ideas/idea/?q={idea.title[:6]}",
        f"/admin/snippets/ideas/idea/inspect/{idea.pk}/",
        "/admin/snippets/ideas/comment/?hidden=false",
        f"/admin/snippets/ideas/comment/inspect/{comment.pk}/",
        "/admin/snippets/ideas/report/",
        "/admin/snippets/ideas/report/?resolved_at__isnull=true",
        f"/admin/snippets/ideas/department/edit/{idea.campaign.department.pk}/",
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
    assert idea.title in admin_client.get("/admin/snippets/ideas/idea/").content.decode()


def test_superuser_cannot_edit_or_delete_ideas_in_the_admin(admin_client, idea):
    title = idea.title
    assert admin_client.get(f"/admin/snippets/ideas/idea/edit/{idea.pk}/").status_code in (302, 403)
    admin_client.post(f"/admin/snippets/ideas/idea/edit/{idea.pk}/", {"title": "changed", "status": "adopted"})
    admin_client.post(f"/admin/snippets/ideas/idea/delete/{idea.pk}/")
    idea.refresh_from_db()
    assert (idea.title, idea.status) == (title, "open")
    assert admin_client.get("/admin/snippets/ideas/idea/add/").status_code in (302, 403)


def test_superuser_sees_the_ideas_menu(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "/admin/snippets/ideas/idea/" in html


def test_citizen_cannot_open_the_admin(client_for):
    assert client_for(UserFactory()).get("/admin/snippets/ideas/idea/").status_code in (302, 403)
    IdeaFactory()
