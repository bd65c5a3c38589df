"""Demo data for the expert review workflow (called at the end of `manage.py seed_demo`).

Makes the demo experts panel members and pushes ideas in review through the workflow to
every stage: screening, panel review (one review overdue), awaiting decision, adopted
(with an implementation status), partially adopted, not adopted, merged and out of
scope. Everything goes through the workflow's own services, so the process pages,
the diagrams and the public timelines look exactly as they would in real use.

Idempotent: each idea is only moved forward from wherever an earlier run left it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TextIO

from django.contrib.auth.models import User
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from ideas.models import CampaignPage, Department, Idea, IdeaStatus
from ideas.services import idea_submit
from ideas.voting import vote_cast
from review.models import Expert, Panel, Review
from review.services import answer_rate, implementation_update
from workflows import services as wf
from workflows.flows import IdeaReviewFlow
from workflows.models import ScreeningOutcome

# username: (panel, affiliation, expertise tags)
EXPERTS = {
    "expert_in1": (
        Panel.Kind.INTERNAL,
        "Retired director, Seoul Infrastructure HQ",
        ("water", "parks", "heat", "shade"),
    ),
    "expert_in2": (Panel.Kind.INTERNAL, "Retired budget officer", ("budget", "subway", "crosswalks", "signage")),
    "expert_ex1": (Panel.Kind.EXTERNAL, "Professor of urban planning", ("heat", "trees", "school zones", "children")),
    "expert_ex2": (Panel.Kind.EXTERNAL, "Civil-society housing network", ("homelessness", "welfare", "tourism")),
}

# Extra ideas this demo needs (the base demo selects five ideas for review).
EXTRA_IDEAS = [
    (
        "frank",
        "Bottle refill stations by the Cheonggyecheon",
        "Put water refill points along the stream so walkers can skip buying plastic bottles in summer.",
        ("water", "plastic"),
    ),
    (
        "grace",
        "Cut the national income tax for Seoul residents",
        "Seoul is expensive; residents should pay a lower national income tax than the rest of the country.",
        ("tax",),
    ),
    (
        "heidi",
        "Sensory-friendly hours at public swimming pools",
        "One morning a week with quieter music, dimmed lights and fewer lanes for autistic children and their families.",
        ("accessibility", "sports", "children"),
    ),
]


@dataclass(frozen=True)
class Plan:
    title: str
    department: str  # ideas.demo DEPARTMENTS slug
    target: str  # screening | panel_review | awaiting_decision | adopted | partially_adopted | not_adopted | merged | out_of_scope
    decision: dict[str, Any] | None = None
    merge_into: str = ""
    reason: str = ""
    implementation: tuple[str, str] | None = None


PLANS = [
    Plan(
        "Drinking fountains along the Cheonggyecheon stream",
        "environment",
        "adopted",
        decision={
            "outcome": "adopted",
            "reasoning_necessity": "Walkers along the stream have no free drinking water in summer; heat alerts rose every year.",
            "reasoning_effectiveness": "Fountains at the eight busiest access stairs reach most visitors and cut bottle waste.",
            "reasoning_feasibility": "Water mains run under the promenade; the Waterworks Authority can connect them in one season.",
            "budget": "480000000",
        },
        implementation=("in_progress", "Four of eight fountains installed; the rest follow after the rainy season."),
    ),
    Plan(
        "Multilingual signs at Seoul Station transfer gates",
        "transport",
        "partially_adopted",
        decision={
            "outcome": "partially_adopted",
            "reasoning_necessity": "Visitors miss transfers at the gates; complaints at the tourist desk confirm it.",
            "reasoning_effectiveness": "Signs in four languages help most visitors; audio guidance would add little.",
            "reasoning_feasibility": "The gates belong to two operators; the city can change its own signs now.",
            "budget": "65000000",
            "grounds": ["validity"],
            "grounds_explanation": "Signs inside the national railway's area are theirs to change; we have asked them.",
        },
        implementation=("planned", "Design of the new signs starts next quarter."),
    ),
    Plan("Shade sails over crosswalk waiting areas", "environment", "awaiting_decision"),
    Plan("Raised crosswalks in front of every elementary school", "transport", "panel_review"),
    Plan(
        "Warm overnight shelters in subway stations for homeless neighbours",
        "welfare",
        "not_adopted",
        decision={
            "outcome": "not_adopted",
            "reasoning_necessity": "Cold nights are dangerous for people sleeping rough; the need is real.",
            "reasoning_effectiveness": "Stations are loud and lit all night; outreach shelters nearby serve people better.",
            "reasoning_feasibility": "Fire safety rules forbid sleeping areas on platforms and concourses.",
            "budget": "0",
            "grounds": ["ordinances", "effectiveness"],
            "grounds_explanation": "The fire safety ordinance forbids overnight stays in stations; instead, outreach "
            "teams will guide people to the four winter shelters near Seoul Station.",
        },
    ),
    Plan(
        "Bottle refill stations by the Cheonggyecheon",
        "environment",
        "merged",
        merge_into="Drinking fountains along the Cheonggyecheon stream",
    ),
    Plan(
        "Cut the national income tax for Seoul residents",
        "",
        "out_of_scope",
        reason="Income tax is set by the National Assembly; the city has no say over it.",
    ),
    Plan("Sensory-friendly hours at public swimming pools", "welfare", "screening"),
]

REVIEW_TEXTS = {
    "expert_in1": ("Practical and maintainable with existing crews.", "adopt"),
    "expert_in2": ("Worth doing, but the cost estimate needs a second look.", "adopt_with_changes"),
    "expert_ex1": ("Strong public benefit; residents have asked for this for years.", "adopt"),
    "expert_ex2": ("Useful; the idea should be piloted in one district first.", "adopt_with_changes"),
}

ORDER = ["screening", "panel_review", "awaiting_decision", "published"]


def _ensure_experts() -> dict[str, Expert]:
    experts = {}
    for username, (kind, affiliation, tags) in EXPERTS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        expert, created = Expert.objects.get_or_create(
            user=user, defaults={"panel": Panel.objects.get(kind=kind), "affiliation": affiliation}
        )
        if created:
            expert.expertise.add(*tags)
        experts[username] = expert
    return experts


def _ensure_extra_ideas() -> None:
    general = CampaignPage.objects.canonical().get(is_general=True)
    citizens = list(User.objects.filter(groups__name="citizens").order_by("username"))
    for author_name, title, body, tags in EXTRA_IDEAS:
        author = User.objects.filter(username=author_name).first()
        if author is None:
            continue
        idea = Idea.objects.filter(campaign=general, title=title).first()
        if idea is None:
            idea = idea_submit(campaign=general, author=author, title=title, body=body, tags=list(tags))
        if idea.status == IdeaStatus.OPEN:
            for voter in [c for c in citizens if c.pk != author.pk][: general.threshold]:
                vote_cast(idea=Idea.objects.get(pk=idea.pk), voter=voter)


def _open(process, node) -> Task | None:
    return (
        Task.objects.filter(process=process, flow_task=node, status__in=[STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED])
        .order_by("pk")
        .first()
    )


def _advance(plan: Plan, experts: dict[str, Expert], coordinator: User) -> str | None:
    idea = Idea.objects.filter(title=plan.title).first()
    if idea is None or idea.status not in (IdeaStatus.IN_REVIEW, *_FINAL):
        return None
    process = wf.review_start(idea=idea)
    if process is None:
        return None

    screen = _open(process, IdeaReviewFlow.screen)
    if screen is not None and plan.target != "screening":
        if plan.target == "merged":
            earlier = Idea.objects.get(title=plan.merge_into)
            wf.screening_submit(task=screen, user=coordinator, outcome=ScreeningOutcome.DUPLICATE, merge_target=earlier)
        elif plan.target == "out_of_scope":
            wf.screening_submit(
                task=screen, user=coordinator, outcome=ScreeningOutcome.OUT_OF_SCOPE, reason=plan.reason
            )
        else:
            panels = {kind: [e for e in experts.values() if e.panel.kind == kind] for kind in Panel.Kind.values}
            wf.screening_submit(
                task=screen,
                user=coordinator,
                outcome=ScreeningOutcome.REVIEW,
                department=Department.objects.get(slug=plan.department),
                internal_reviewers=panels[Panel.Kind.INTERNAL],
                external_reviewers=panels[Panel.Kind.EXTERNAL],
            )
    if plan.target in ("screening", "merged", "out_of_scope"):
        return plan.target

    # panel review: everyone reviews, except one expert on the idea left "in panel review"
    for review in Review.objects.filter(idea=idea, status=Review.Status.ASSIGNED).select_related("expert__user"):
        username = review.expert.user.username
        if plan.target == "panel_review" and username in ("expert_in2", "expert_ex2"):
            if username == "expert_in2" and review.due_at > timezone.now():
                Review.objects.filter(pk=review.pk).update(due_at=timezone.now() - timedelta(days=2))
            continue
        opinion, recommendation = REVIEW_TEXTS.get(username, ("A reasonable idea.", "adopt"))
        scores = {"necessity": 4, "effectiveness": 4, "feasibility": 3, "budget_realism": 3, "creativity": 4}
        if plan.target == "not_adopted":
            scores, recommendation = {**scores, "feasibility": 2}, "do_not_adopt"
        wf.review_submit(
            task=review.task, user=review.expert.user, **scores, opinion=opinion, recommendation=recommendation
        )
    if plan.target in ("panel_review", "awaiting_decision"):
        return plan.target

    decide = _open(process, IdeaReviewFlow.decide)
    official = User.objects.filter(groups=Department.objects.get(slug=plan.department).group).order_by("pk").first()
    if decide is not None and plan.decision and official is not None:
        wf.decision_submit(task=decide, user=official, **plan.decision)
    idea.refresh_from_db()
    if plan.implementation and official is not None and idea.status in _FINAL:
        status, notes = plan.implementation
        decision = idea.decision
        if decision.implementation_status != status or decision.implementation_notes != notes:
            implementation_update(idea=idea, user=official, status=status, notes=notes)
        for name, score in (("alice", 5), ("bob", 4), ("carol", 4)):
            rater = User.objects.filter(username=name).first()
            if rater is not None:
                answer_rate(idea=idea, user=rater, score=score)
    return plan.target


_FINAL = (*IdeaStatus.DECIDED, IdeaStatus.MERGED)


def seed_review_demo(*, stdout: TextIO | None = None) -> dict[str, str]:
    """Create the experts' panel memberships and move the demo ideas through the review."""
    experts = _ensure_experts()
    coordinator = User.objects.filter(username="coord").first()
    if coordinator is None or len(experts) < 4:
        if stdout is not None:
            stdout.write("Review demo skipped: the demo coordinator and experts are missing.\n")
        return {}
    _ensure_extra_ideas()
    wf.reviews_sweep()  # start any review whose threshold event ran inside a transaction
    reached = {}
    for plan in PLANS:
        stage = _advance(plan, experts, coordinator)
        if stage:
            reached[plan.title] = stage
    if stdout is not None:
        stdout.write(
            f"Review demo: {len(experts)} experts on the panels; ideas at "
            + ", ".join(sorted(set(reached.values())))
            + ".\n"
        )
    return reached
