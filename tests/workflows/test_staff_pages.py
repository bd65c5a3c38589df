"""The staff pages: inbox, task forms, process page with the diagram, coordinator overview."""

import pytest

from ideas.models import IdeaStatus
from review.models import Decision, Review
from tests.factories import UserFactory
from tests.workflows.helpers import GOOD_DECISION, GOOD_REVIEW, open_task, open_tasks
from tests.world import make_world
from workflows.flows import IdeaReviewFlow
from workflows.models import Stage

pytestmark = pytest.mark.django_db


def test_coordinator_can_screen_an_idea_through_the_form(client_for):
    w = make_world()
    client = client_for(w.coordinator)
    inbox = client.get("/review/").content.decode()
    task = open_task(w.process, IdeaReviewFlow.screen)
    assert "Screen the idea" in inbox and f"/review/tasks/{task.pk}/" in inbox
    page = client.get(f"/review/tasks/{task.pk}/")
    assert page.status_code == 200
    assert w.idea.title in page.content.decode()
    response = client.post(
        f"/review/tasks/{task.pk}/",
        {
            "outcome": "review",
            "department": w.department.pk,
            "internal_reviewers": [e.pk for e in w.internal[:2]],
            "external_reviewers": [e.pk for e in w.external[:2]],
        },
    )
    assert response.status_code == 302
    assert w.reload().process.stage == Stage.PANEL_REVIEW


def test_coordinator_sees_a_clear_error_when_choosing_too_few_reviewers(client_for):
    w = make_world()
    task = open_task(w.process, IdeaReviewFlow.screen)
    response = client_for(w.coordinator).post(
        f"/review/tasks/{task.pk}/",
        {"outcome": "review", "department": w.department.pk, "internal_reviewers": [w.internal[0].pk]},
    )
    assert response.status_code == 200
    assert "Choose at least 2 reviewers" in response.content.decode()
    assert w.reload().process.stage == Stage.SCREENING
    assert not Review.objects.exists()


def test_expert_can_submit_a_review_through_the_form_and_sees_errors_for_bad_input(client_for):
    w = make_world()
    w.screen_for_review()
    expert = w.internal[0]
    task = w.review_task_of(expert)
    client = client_for(expert.user)
    bad = client.post(f"/review/tasks/{task.pk}/", {**GOOD_REVIEW, "necessity": "7"})
    assert bad.status_code == 200
    assert "Please correct the following" in bad.content.decode()
    assert Review.objects.get(task=task).status == Review.Status.ASSIGNED
    good = client.post(f"/review/tasks/{task.pk}/", {k: str(v) for k, v in GOOD_REVIEW.items()})
    assert good.status_code == 302
    assert Review.objects.get(expert=expert, idea=w.idea).status == Review.Status.SUBMITTED
    # the finished task is no longer theirs to act on
    assert client.post(f"/review/tasks/{task.pk}/", GOOD_REVIEW).status_code == 403


def test_expert_can_recuse_through_the_form(client_for):
    w = make_world()
    w.screen_for_review()
    expert = w.external[1]
    task = w.review_task_of(expert)
    response = client_for(expert.user).post(
        f"/review/tasks/{task.pk}/recuse/", {"reason": "My employer funds the author."}
    )
    assert response.status_code == 302
    assert Review.objects.get(expert=expert, idea=w.idea).status == Review.Status.RECUSED
    replace = open_task(w.reload().process, IdeaReviewFlow.replace_external)
    page = client_for(w.coordinator).get(f"/review/tasks/{replace.pk}/").content.decode()
    assert "My employer funds the author." in page
    response = client_for(w.coordinator).post(f"/review/tasks/{replace.pk}/", {"replacement": w.external[2].pk})
    assert response.status_code == 302
    owners = {t.owner_id for t in open_tasks(w.process, IdeaReviewFlow.review_external)}
    assert owners == {w.external[0].user_id, w.external[2].user_id}


def test_department_can_decide_through_the_form(client_for):
    w = make_world()
    w.screen_for_review()
    w.submit_all_reviews()
    task = open_task(w.process, IdeaReviewFlow.decide)
    client = client_for(w.official)
    assert f"/review/tasks/{task.pk}/" in client.get("/review/").content.decode()
    bad = client.post(f"/review/tasks/{task.pk}/", {**GOOD_DECISION, "outcome": "not_adopted"})
    assert bad.status_code == 200
    assert "A rejection must name its grounds." in bad.content.decode()
    assert not Decision.objects.exists()
    good = client.post(f"/review/tasks/{task.pk}/", GOOD_DECISION)
    assert good.status_code == 302
    assert w.reload().idea.status == IdeaStatus.ADOPTED


def test_coordinator_can_see_the_process_page_with_diagram_and_history(client_for):
    w = make_world()
    w.screen_for_review()
    w.submit_review(w.internal[0])
    page = client_for(w.coordinator).get(f"/workflows/processes/{w.process.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "Internal panel review" in html
    assert "Current step" in html
    assert w.internal[1].user.username in html  # staff history names who holds what
    assert w.coordinator.username in html  # who screened
    svg = client_for(w.coordinator).get(f"/workflows/processes/{w.process.pk}/chart.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert client_for(w.coordinator).get("/workflows/").status_code == 200


def test_citizen_cannot_see_staff_pages(client_for):
    w = make_world()
    client = client_for(UserFactory())
    assert client.get(f"/workflows/processes/{w.process.pk}/").status_code == 403
    assert client.get("/review/overview/").status_code == 403
    assert client.get("/workflows/").status_code == 403
    assert client.get(f"/review/tasks/{open_task(w.process, IdeaReviewFlow.screen).pk}/").status_code == 403


def test_coordinator_overview_lists_ideas_by_stage(client_for):
    screening = make_world()
    in_panels = make_world()
    in_panels.screen_for_review()
    html = client_for(screening.coordinator).get("/review/overview/").content.decode()
    assert screening.idea.title in html and in_panels.idea.title in html
    assert html.index(screening.idea.title) < html.index(in_panels.idea.title)  # screening section first


def test_department_can_update_implementation_through_the_form(client_for):
    w = make_world()
    w.screen_for_review()
    w.submit_all_reviews()
    w.decide()
    client = client_for(w.official)
    assert client.get(f"/review/ideas/{w.idea.pk}/implementation/").status_code == 200
    response = client.post(
        f"/review/ideas/{w.idea.pk}/implementation/", {"status": "in_progress", "notes": "Tender out."}
    )
    assert response.status_code == 302
    assert Decision.objects.get(idea=w.idea).implementation_status == "in_progress"
    assert client_for(w.internal[0].user).get(f"/review/ideas/{w.idea.pk}/implementation/").status_code == 403
