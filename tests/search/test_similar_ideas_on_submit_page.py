"""Similar ideas: the citizen before and after submitting (vote instead), the coordinator while screening."""

from __future__ import annotations

from tests.factories import IdeaFactory, UserFactory
from tests.search.conftest import index_now


def test_citizen_sees_similar_ideas_when_the_submit_form_comes_back_with_errors(search_backend, client_for, general):
    existing = IdeaFactory(
        campaign=general, title="Shade trees along the river walk", body="Plant shade trees on the river walk."
    )
    index_now(existing)

    response = client_for(UserFactory()).post(
        f"{general.url}submit/", {"title": "More shade trees on the river", "body": "too short"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Similar ideas already exist" in html
    assert existing.get_absolute_url() in html


def test_author_sees_similar_ideas_on_the_confirmation_page(search_backend, client_for, general):
    existing = IdeaFactory(
        campaign=general, title="Shade trees along the river walk", body="Plant shade trees on the river walk."
    )
    mine = IdeaFactory(
        campaign=general, title="Shade trees for the river walk please", body="We need shade trees by the river."
    )
    index_now(existing, mine)

    html = client_for(mine.author).get(mine.get_absolute_url()).content.decode()

    assert "Similar ideas already exist" in html
    assert existing.get_absolute_url() in html


def test_visitor_does_not_see_the_authors_similar_ideas_panel(search_backend, client, general):
    existing = IdeaFactory(
        campaign=general, title="Shade trees along the river walk", body="Plant shade trees on the river walk."
    )
    mine = IdeaFactory(
        campaign=general, title="Shade trees for the river walk please", body="We need shade trees by the river."
    )
    index_now(existing, mine)

    assert "Similar ideas already exist" not in client.get(mine.get_absolute_url()).content.decode()


def test_coordinator_sees_possible_duplicates_while_screening(search_backend, client_for):
    from tests.workflows.helpers import open_task
    from tests.world import make_world
    from workflows.flows import IdeaReviewFlow

    w = make_world()
    earlier = IdeaFactory(campaign=w.idea.campaign, title=w.idea.title + " again", body=w.idea.body)
    index_now(earlier, w.idea)
    task = open_task(w.process, IdeaReviewFlow.screen)

    html = client_for(w.coordinator).get(f"/review/tasks/{task.pk}/").content.decode()

    assert "Possible duplicates" in html
    assert f"#{earlier.pk} " in html
