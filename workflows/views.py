"""Staff pages of the review workflow: the inbox, the coordinators' overview and the task pages.

Each human node of the flows names its page here (`flow.View(ScreenView.as_view())`);
`task_detail` serves every task at /review/tasks/<pk>/ through its node's view when
the visitor may act on it, and a read-only summary otherwise. Thin: forms parse,
workflows.tasks completes the task through the review service of the same name.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_POST
from viewflow.workflow.models import Task

from ideas.models import Idea
from review import selectors
from review.forms import AnswerForm, DecisionForm, RecuseForm, ReplaceForm, ReviewForm, apply_errors
from review.models import RUBRIC, Decision, Expert, Panel, Review
from workflows import tasks
from workflows.forms import ScreeningForm
from workflows.models import OPEN_STAGES, IdeaReviewProcess, ScreeningOutcome, Stage


def _task_or_404(pk: int) -> Task:
    task = tasks.flow_tasks().select_related("process", "owner").filter(pk=pk).first()
    if task is None:
        raise Http404(_("No such task."))
    return task


def _with_open_load(experts: QuerySet[Expert]) -> QuerySet[Expert]:
    return (
        experts.select_related("user", "panel")
        .prefetch_related("expertise")
        .annotate(open_load=Count("reviews", filter=Q(reviews__status=Review.Status.ASSIGNED)))
        .order_by("user__username")
    )


# ---------------------------------------------------------------------------
# task pages, one per human node


class TaskView(View):
    """A human task's page: GET shows the form; a valid POST completes the task via `complete()`."""

    template_name = ""
    success_message = ""

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.task: Task = kwargs["task"]

    def idea(self) -> Idea:
        return tasks.task_idea(self.task)

    def form(self) -> forms.Form:
        raise NotImplementedError

    def complete(self, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def context(self, form: forms.Form) -> dict[str, Any]:
        return {}

    def success_url(self) -> str:
        return reverse("workflows:inbox")

    def render(self, form: forms.Form, status: int = 200) -> HttpResponse:
        context = {**selectors.idea_summary(self.idea()), "task": self.task, "form": form, **self.context(form)}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(self.form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form()
        if form.is_valid():
            try:
                self.complete(form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, self.success_message)
                return redirect(self.success_url())
        return self.render(form)


class ScreenView(TaskView):
    template_name = "workflows/task_screen.html"
    success_message = gettext_lazy("Screening recorded.")

    def form(self) -> ScreeningForm:
        idea = self.idea()
        panels = {p.kind: p for p in Panel.objects.all()}
        candidates = {kind: selectors.reviewer_candidates(idea=idea, panel=panel) for kind, panel in panels.items()}
        suggested = {kind: selectors.reviewers_suggest(idea=idea, panel=panel) for kind, panel in panels.items()}
        querysets = {
            kind: _with_open_load(Expert.objects.filter(pk__in=[e.pk for e in experts]))
            for kind, experts in candidates.items()
        }
        initial = {
            "outcome": ScreeningOutcome.REVIEW,
            "department": idea.department_id or getattr(idea.campaign, "department_id", None),
            "internal_reviewers": [e.pk for e in suggested.get(Panel.Kind.INTERNAL, [])],
            "external_reviewers": [e.pk for e in suggested.get(Panel.Kind.EXTERNAL, [])],
        }
        return ScreeningForm(
            self.request.POST or None,
            initial=initial,
            internal_qs=querysets.get(Panel.Kind.INTERNAL),
            external_qs=querysets.get(Panel.Kind.EXTERNAL),
        )

    def complete(self, data: dict[str, Any]) -> None:
        tasks.screening_submit(
            task=self.task,
            user=self.request.user,
            outcome=data["outcome"],
            department=data["department"],
            internal_reviewers=list(data["internal_reviewers"]),
            external_reviewers=list(data["external_reviewers"]),
            merge_target=data["merge_target"],
            reason=data["reason"],
        )

    def context(self, form: forms.Form) -> dict[str, Any]:
        # Possible duplicates come from search, through its template tag (workflows may not import search).
        return {"min_reviewers": {p.kind: p.required_reviewers for p in Panel.objects.all()}}


class ReviewView(TaskView):
    """An expert's review (`review_internal` / `review_external`); recusal posts to `task_recuse`."""

    template_name = "workflows/task_review.html"
    success_message = gettext_lazy("Thank you — your review has been submitted.")

    def form(self) -> ReviewForm:
        return ReviewForm(self.request.POST or None)

    def complete(self, data: dict[str, Any]) -> None:
        tasks.review_submit(task=self.task, user=self.request.user, **data)

    def success_url(self) -> str:
        return reverse("review:idea-reviews", kwargs={"pk": self.task.process.coerced.idea_id})

    def context(self, form: forms.Form) -> dict[str, Any]:
        return {"review": tasks.task_review(self.task), "recuse_form": getattr(self, "recuse_form", RecuseForm())}


class ReplaceView(TaskView):
    template_name = "workflows/task_replace.html"
    success_message = gettext_lazy("The replacement reviewer has been asked.")

    def form(self) -> ReplaceForm:
        recused = tasks.task_review(self.task)
        candidates = selectors.reviewer_candidates(idea=recused.idea, panel=recused.panel)
        suggested = selectors.reviewers_suggest(idea=recused.idea, panel=recused.panel, count=1)
        return ReplaceForm(
            self.request.POST or None,
            candidates=_with_open_load(Expert.objects.filter(pk__in=[e.pk for e in candidates])),
            initial={"replacement": suggested[0].pk if suggested else None},
        )

    def complete(self, data: dict[str, Any]) -> None:
        tasks.review_replace(task=self.task, user=self.request.user, replacement=data["replacement"])

    def context(self, form: forms.Form) -> dict[str, Any]:
        return {"recused": tasks.task_review(self.task)}


class DecideView(TaskView):
    template_name = "workflows/task_decide.html"
    success_message = gettext_lazy("The verdict has been published.")

    def form(self) -> DecisionForm:
        return DecisionForm(self.request.POST or None)

    def complete(self, data: dict[str, Any]) -> None:
        tasks.decision_submit(task=self.task, user=self.request.user, **data)

    def context(self, form: forms.Form) -> dict[str, Any]:
        idea = self.idea()
        scores = selectors.panel_scores(idea)
        panels = [
            {
                "panel": panel,
                "scores": scores[panel.kind],
                "reviews": list(
                    Review.objects.submitted().filter(idea=idea, panel=panel).select_related("expert__user")
                ),
            }
            for panel in Panel.objects.all()
        ]
        return {"panels": panels, "rubric": RUBRIC, "due_at": self.task.process.coerced.decision_due_at}


class AnswerView(TaskView):
    template_name = "workflows/task_answer.html"
    success_message = gettext_lazy("The additional answer has been published.")

    def form(self) -> AnswerForm:
        return AnswerForm(self.request.POST or None)

    def complete(self, data: dict[str, Any]) -> None:
        tasks.additional_answer_submit(task=self.task, user=self.request.user, answer=data["answer"])

    def context(self, form: forms.Form) -> dict[str, Any]:
        idea = self.idea()
        return {
            "answer_request": self.task.process.coerced.request,
            "decision": Decision.objects.filter(idea=idea).first(),
        }


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_or_404(pk)
    if tasks.task_is_actionable(task, request.user):
        return task.flow_task.view(request, task=task)
    if request.method == "POST":
        raise PermissionDenied
    idea = tasks.task_idea(task)
    if not (request.user.has_perm("review.view_process", idea) or task.owner_id == request.user.pk):
        raise PermissionDenied
    process = task.process.coerced
    return render(
        request,
        "workflows/task_detail.html",
        {
            **selectors.idea_summary(idea),
            "task": task,
            "process_url": process.pk if isinstance(process, IdeaReviewProcess) else None,
            "due_at": tasks.task_due_at(task),
        },
    )


@login_required
@require_POST
def task_claim(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_or_404(pk)
    tasks.task_claim(task=task, user=request.user)
    messages.success(request, _("The task is yours now."))
    return redirect("workflows:task", pk=task.pk)


@login_required
@require_POST
def task_release(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_or_404(pk)
    tasks.task_release(task=task, user=request.user)
    messages.success(request, _("The task is back in the group's queue."))
    return redirect("workflows:inbox")


@login_required
@require_POST
def task_recuse(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_or_404(pk)
    if not tasks.task_is_review(task) or not tasks.task_can_execute(task, request.user):
        raise PermissionDenied
    form = RecuseForm(request.POST)
    if form.is_valid():
        try:
            tasks.review_recuse(task=task, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("You have recused yourself; the coordinators will appoint a replacement."))
            return redirect("workflows:inbox")
    page = ReviewView()
    page.setup(request, task=task)
    page.recuse_form = form
    return page.render(ReviewForm(), status=400)


# ---------------------------------------------------------------------------
# inbox and overview


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    boxes = tasks.inbox(user=request.user)
    return render(
        request,
        "workflows/inbox.html",
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
    assigned = Q(idea__reviews__status=Review.Status.ASSIGNED)
    processes = (
        IdeaReviewProcess.objects.filter(stage__in=OPEN_STAGES)
        .select_related("idea__campaign", "idea__department")
        .annotate(
            overdue_reviews=Count("idea__reviews", filter=assigned & Q(idea__reviews__due_at__lt=now)),
            open_reviews=Count("idea__reviews", filter=assigned),
            submitted_reviews=Count("idea__reviews", filter=Q(idea__reviews__status=Review.Status.SUBMITTED)),
            next_due=Min("idea__reviews__due_at", filter=assigned),
        )
        .order_by("stage_since", "pk")
    )
    by_stage: dict[str, list[dict[str, Any]]] = defaultdict(list)
    overdue_total = 0
    for process in processes:
        awaiting = process.stage == Stage.AWAITING_DECISION
        decision_overdue = awaiting and process.decision_due_at is not None and process.decision_due_at < now
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
                "due": process.decision_due_at if awaiting else process.next_due,
            }
        )
    stages = [
        {
            "value": stage.value,
            "label": stage.label,
            "rows": sorted(by_stage.get(stage.value, []), key=lambda r: not r["overdue"]),
        }
        for stage in OPEN_STAGES
    ]
    closed = IdeaReviewProcess.objects.exclude(stage__in=OPEN_STAGES).values("stage").annotate(n=Count("pk"))
    return render(
        request,
        "workflows/overview.html",
        {
            "stages": stages,
            "overdue_total": overdue_total,
            "closed": [{"label": Stage(row["stage"]).label, "n": row["n"]} for row in closed],
        },
    )
