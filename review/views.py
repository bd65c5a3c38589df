"""Staff pages of the expert review (inbox, overview, task pages) and the citizens' answer actions.

Thin: forms parse, `workflows.services` / `review.services` decide and write.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Min, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from viewflow.workflow.models import Task

from ideas.models import Idea, IdeaStatus
from review import selectors
from review import services as review_services
from review.forms import (
    AdditionalAnswerForm,
    AnswerForm,
    DecisionForm,
    ImplementationForm,
    RatingForm,
    RecuseForm,
    ReplaceForm,
    ReviewForm,
    ScreeningForm,
    apply_errors,
)
from review.models import RUBRIC, Decision, Expert, Panel, Review
from search.port import similar_ideas
from workflows import services as wf
from workflows.flows import AdditionalAnswerFlow, IdeaReviewFlow
from workflows.models import OPEN_STAGES, IdeaReviewProcess, Stage


def _task_or_404(pk: int) -> Task:
    task = wf.flow_tasks().select_related("process", "owner").filter(pk=pk).first()
    if task is None:
        raise Http404(_("No such task."))
    return task


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    boxes = wf.inbox(user=request.user)
    return render(
        request,
        "review/inbox.html",
        {
            "mine": boxes["mine"],
            "queue": boxes["queue"],
            "is_coordinator": request.user.has_perm("review.see_overview"),
        },
    )


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("review.see_overview"):
        raise PermissionDenied
    now = timezone.now()
    processes = (
        IdeaReviewProcess.objects.filter(stage__in=OPEN_STAGES)
        .select_related("idea__campaign", "idea__department")
        .annotate(
            overdue_reviews=Count(
                "idea__reviews", filter=Q(idea__reviews__status=Review.Status.ASSIGNED, idea__reviews__due_at__lt=now)
            ),
            open_reviews=Count("idea__reviews", filter=Q(idea__reviews__status=Review.Status.ASSIGNED)),
            submitted_reviews=Count("idea__reviews", filter=Q(idea__reviews__status=Review.Status.SUBMITTED)),
            next_due=Min("idea__reviews__due_at", filter=Q(idea__reviews__status=Review.Status.ASSIGNED)),
        )
        .order_by("stage_since", "pk")
    )
    by_stage: dict[str, list[dict[str, Any]]] = defaultdict(list)
    overdue_total = 0
    for process in processes:
        decision_overdue = (
            process.stage == Stage.AWAITING_DECISION
            and process.decision_due_at is not None
            and process.decision_due_at < now
        )
        overdue = bool(process.overdue_reviews) or decision_overdue
        overdue_total += overdue
        by_stage[process.stage].append(
            {
                "process": process,
                "idea": process.idea,
                "in_stage_days": (now - process.stage_since).days,
                "in_review_days": (now - process.created).days,
                "overdue": overdue,
                "decision_overdue": decision_overdue,
                "due": process.decision_due_at if process.stage == Stage.AWAITING_DECISION else process.next_due,
            }
        )
    stages = [
        {
            "value": stage.value,
            "label": stage.label,
            "rows": sorted(by_stage.get(stage.value, []), key=lambda r: not r["overdue"]),
        }
        for stage in (Stage.SCREENING, Stage.PANEL_REVIEW, Stage.AWAITING_DECISION)
    ]
    closed = IdeaReviewProcess.objects.exclude(stage__in=OPEN_STAGES).values("stage").annotate(n=Count("pk"))
    return render(
        request,
        "review/overview.html",
        {
            "stages": stages,
            "overdue_total": overdue_total,
            "closed": [{"label": Stage(row["stage"]).label, "n": row["n"]} for row in closed],
        },
    )


# ---------------------------------------------------------------------------
# task pages


def _idea_context(idea: Idea) -> dict[str, Any]:
    return {"idea": idea, "idea_tags": sorted(idea.tags.names()), "votes": idea.vote_set.count()}


def _screen(request: HttpRequest, task: Task) -> HttpResponse:
    process: IdeaReviewProcess = task.process.coerced
    idea = process.idea
    panels = {p.kind: p for p in Panel.objects.all()}
    candidates = {kind: selectors.reviewer_candidates(idea=idea, panel=panel) for kind, panel in panels.items()}
    suggested = {kind: selectors.reviewers_suggest(idea=idea, panel=panel) for kind, panel in panels.items()}
    querysets = {
        kind: Expert.objects.filter(pk__in=[e.pk for e in experts])
        .select_related("user", "panel")
        .prefetch_related("expertise")
        .order_by("user__username")
        .annotate(open_load=Count("reviews", filter=Q(reviews__status=Review.Status.ASSIGNED)))
        for kind, experts in candidates.items()
    }
    initial = {
        "outcome": "review",
        "department": idea.department_id or getattr(idea.campaign, "department_id", None),
        "internal_reviewers": [e.pk for e in suggested.get(Panel.Kind.INTERNAL, [])],
        "external_reviewers": [e.pk for e in suggested.get(Panel.Kind.EXTERNAL, [])],
    }
    form = ScreeningForm(
        request.POST or None,
        initial=initial,
        internal_qs=querysets.get(Panel.Kind.INTERNAL),
        external_qs=querysets.get(Panel.Kind.EXTERNAL),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            wf.screening_submit(
                task=task,
                user=request.user,
                outcome=data["outcome"],
                department=data["department"],
                internal_reviewers=list(data["internal_reviewers"]),
                external_reviewers=list(data["external_reviewers"]),
                merge_target=data["merge_target"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Screening recorded."))
            return redirect("review:inbox")
    return render(
        request,
        "review/task_screen.html",
        {
            **_idea_context(idea),
            "task": task,
            "form": form,
            "panels": panels,
            "min_reviewers": {kind: panel.required_reviewers for kind, panel in panels.items()},
            "similar_ideas": similar_ideas(title=idea.title, body=idea.body, exclude_id=idea.pk),
        },
    )


def _review(request: HttpRequest, task: Task) -> HttpResponse:
    review = Review.objects.select_related("idea__campaign", "panel").get(pk=task.data["review_id"])
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            wf.expert_review_submit(task=task, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Thank you — your review has been submitted."))
            return redirect("review:idea-reviews", pk=review.idea_id)
    return render(
        request,
        "review/task_review.html",
        {**_idea_context(review.idea), "task": task, "review": review, "form": form, "recuse_form": RecuseForm()},
    )


def _replace(request: HttpRequest, task: Task) -> HttpResponse:
    recused = Review.objects.select_related("idea", "panel", "expert__user").get(pk=task.data["review_id"])
    candidates = selectors.reviewer_candidates(idea=recused.idea, panel=recused.panel)
    suggested = selectors.reviewers_suggest(idea=recused.idea, panel=recused.panel, count=1)
    qs = (
        Expert.objects.filter(pk__in=[e.pk for e in candidates])
        .select_related("user", "panel")
        .prefetch_related("expertise")
        .annotate(open_load=Count("reviews", filter=Q(reviews__status=Review.Status.ASSIGNED)))
        .order_by("user__username")
    )
    form = ReplaceForm(
        request.POST or None, candidates=qs, initial={"replacement": suggested[0].pk if suggested else None}
    )
    if request.method == "POST" and form.is_valid():
        try:
            wf.reviewer_replace(task=task, user=request.user, replacement=form.cleaned_data["replacement"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The replacement reviewer has been asked."))
            return redirect("review:inbox")
    return render(
        request,
        "review/task_replace.html",
        {**_idea_context(recused.idea), "task": task, "recused": recused, "form": form},
    )


def _reviews_by_panel(idea: Idea) -> list[dict[str, Any]]:
    scores = selectors.panel_scores(idea)
    result = []
    for panel in Panel.objects.all():
        result.append(
            {
                "panel": panel,
                "scores": scores[panel.kind],
                "reviews": list(
                    Review.objects.submitted().filter(idea=idea, panel=panel).select_related("expert__user")
                ),
            }
        )
    return result


def _decide(request: HttpRequest, task: Task) -> HttpResponse:
    process: IdeaReviewProcess = task.process.coerced
    idea = process.idea
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            wf.decision_submit(task=task, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The verdict has been published."))
            return redirect("review:inbox")
    return render(
        request,
        "review/task_decide.html",
        {
            **_idea_context(idea),
            "task": task,
            "form": form,
            "panels": _reviews_by_panel(idea),
            "rubric": RUBRIC,
            "due_at": process.decision_due_at,
        },
    )


def _answer(request: HttpRequest, task: Task) -> HttpResponse:
    answer_request = task.process.coerced.request
    idea = answer_request.idea
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            wf.additional_answer_submit(task=task, user=request.user, answer=form.cleaned_data["answer"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The additional answer has been published."))
            return redirect("review:inbox")
    return render(
        request,
        "review/task_answer.html",
        {
            **_idea_context(idea),
            "task": task,
            "form": form,
            "answer_request": answer_request,
            "decision": Decision.objects.filter(idea=idea).first(),
        },
    )


HANDLERS = {
    IdeaReviewFlow.screen: _screen,
    IdeaReviewFlow.review_internal: _review,
    IdeaReviewFlow.review_external: _review,
    IdeaReviewFlow.replace_internal: _replace,
    IdeaReviewFlow.replace_external: _replace,
    IdeaReviewFlow.decide: _decide,
    AdditionalAnswerFlow.answer: _answer,
}


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_or_404(pk)
    if wf.task_is_actionable(task, request.user):
        return HANDLERS[task.flow_task](request, task)
    if request.method == "POST":
        raise PermissionDenied
    idea = wf.task_idea(task)
    if not (request.user.has_perm("review.view_process", idea) or task.owner_id == request.user.pk):
        raise PermissionDenied
    process = task.process.coerced
    return render(
        request,
        "review/task_detail.html",
        {
            **_idea_context(idea),
            "task": task,
            "process_url": process.pk if isinstance(process, IdeaReviewProcess) else None,
            "due_at": wf.task_due_at(task),
        },
    )


@login_required
@require_POST
def task_claim(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_or_404(pk)
    wf.task_claim(task=task, user=request.user)
    messages.success(request, _("The task is yours now."))
    return redirect("review:task", pk=task.pk)


@login_required
@require_POST
def task_release(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_or_404(pk)
    wf.task_release(task=task, user=request.user)
    messages.success(request, _("The task is back in the group's queue."))
    return redirect("review:inbox")


@login_required
@require_POST
def task_recuse(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_or_404(pk)
    if task.flow_task not in wf.REVIEW_NODES or not wf.task_can_execute(task, request.user):
        raise PermissionDenied
    form = RecuseForm(request.POST)
    if form.is_valid():
        try:
            wf.expert_recuse(task=task, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("You have recused yourself; the coordinators will appoint a replacement."))
            return redirect("review:inbox")
    review = Review.objects.select_related("idea__campaign", "panel").get(pk=task.data["review_id"])
    return render(
        request,
        "review/task_review.html",
        {**_idea_context(review.idea), "task": task, "review": review, "form": ReviewForm(), "recuse_form": form},
        status=400,
    )


# ---------------------------------------------------------------------------
# reviews, implementation, citizens' answer actions


@login_required
def idea_reviews(request: HttpRequest, pk: int) -> HttpResponse:
    idea = get_object_or_404(Idea.objects.select_related("campaign", "department"), pk=pk)
    if not request.user.has_perm("review.see_reviews", idea):
        raise PermissionDenied
    visible = selectors.reviews_visible_to(idea=idea, user=request.user)
    own = Review.objects.filter(idea=idea, expert__user=request.user).first()
    scores = selectors.panel_scores(idea) if visible else {}
    panels = [
        {"panel": panel, "reviews": [r for r in visible if r.panel_id == panel.pk], "scores": scores.get(panel.kind)}
        for panel in Panel.objects.all()
    ]
    return render(
        request,
        "review/idea_reviews.html",
        {
            **_idea_context(idea),
            "panels": panels,
            "own": own,
            "locked": not visible and own is not None,
            "scores": bool(scores),
            "rubric": RUBRIC,
        },
    )


@login_required
def implementation_update(request: HttpRequest, pk: int) -> HttpResponse:
    idea = get_object_or_404(Idea.objects.select_related("campaign", "department"), pk=pk)
    if not request.user.has_perm("review.update_implementation", idea):
        raise PermissionDenied
    decision = Decision.objects.filter(idea=idea, published_at__isnull=False).first()
    if decision is None:
        raise Http404(_("This idea has no published verdict."))
    form = ImplementationForm(
        request.POST or None,
        initial={"status": decision.implementation_status, "notes": decision.implementation_notes},
    )
    if request.method == "POST" and form.is_valid():
        try:
            review_services.implementation_update(
                idea=idea, user=request.user, status=form.cleaned_data["status"], notes=form.cleaned_data["notes"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The implementation status has been updated."))
            return redirect(idea.get_absolute_url())
    return render(
        request, "review/implementation_form.html", {**_idea_context(idea), "form": form, "decision": decision}
    )


def _answerable_idea(pk: int) -> Idea:
    idea = get_object_or_404(Idea.objects.select_related("campaign", "department"), pk=pk)
    if idea.hidden or idea.status == IdeaStatus.WITHDRAWN:
        raise Http404(_("No such idea."))
    return idea


def _form_errors_text(form) -> str:
    return " ".join(str(m) for errors in form.errors.values() for m in errors)


@login_required
@require_POST
def answer_rate(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _answerable_idea(pk)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a rating from 1 to 5."))
        return redirect(idea.get_absolute_url() + "#answer")
    try:
        review_services.answer_rate(idea=idea, user=request.user, score=form.cleaned_data["score"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Thank you for rating the answer."))
    return redirect(idea.get_absolute_url() + "#answer")


@login_required
@require_POST
def answer_request(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _answerable_idea(pk)
    form = AdditionalAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors_text(form))
        return redirect(idea.get_absolute_url() + "#answer")
    try:
        review_services.answer_request_additional(idea=idea, user=request.user, question=form.cleaned_data["question"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your question has been sent to the department."))
    return redirect(idea.get_absolute_url() + "#answer")
