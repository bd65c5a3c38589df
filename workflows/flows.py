"""The expert review of an idea, as a viewflow flow that reads like its BPMN diagram.

    start ─► screen ─► check_screening ─┬─► merge_duplicate ─► merged
                                        ├─► close_out_of_scope ─► out_of_scope
                                        └─► open_panels ─► split_panels
    split_panels ═╦═► review_internal ×n ─► check_internal_recusal ─► join_panels
                  ║      ▲                        └─(recused)─► replace_internal ─┘(back to review_internal)
                  ╚═► review_external ×n ─► check_external_recusal ─► join_panels
                         ▲                        └─(recused)─► replace_external ─┘
    join_panels ─► decide ─► publish ─► published

Design choices (see also workflows/nodes.py):

* **One task per assigned expert.** The screening creates one `review.Review` row per
  chosen expert; `split_panels` (a `PanelSplit`, see workflows/nodes.py) creates one
  `review_internal` / `review_external` task per row, each assigned to its expert
  (`ExpertView`, `.Assign`). The task and the row point at each other, so the
  expert's inbox, the coordinator's overview and the diagram all show the same work.
  The alternative — reviews as plain rows and a `Handle` per panel signalled by the
  last review — would hide the experts' work from viewflow (no tasks, no inbox, no
  history), so it was not chosen.
* **Recusal keeps the Join waiting.** A recusing expert completes their task with the
  review marked recused; the `If` routes that token to the coordinators'
  `replace_*` task, which loops back to a new `review_*` task for the replacement.
  All of them carry the split's token, so `join_panels` only fires once every
  expert of both panels has submitted.
* **Exactly once.** `IdeaReviewProcess.idea` is unique (a database guarantee); the
  start is idempotent (`workflows.services.review_start`), and `lock_impl =
  select_for_update_lock` serialises concurrent completions, so two last reviews
  submitted at the same moment pass the Join exactly once.
* **Permissions.** Screening/replacement need the database permission
  `workflows.can_screen` (coordinators group); review tasks are assigned to one
  expert; the decision needs `workflows.can_decide` and membership of the idea's
  department group (`DepartmentView`). viewflow's queues see only database
  permissions, never django-rules.
* **Timers.** Due dates live on the review rows and the process; reminders of overdue
  work are notifications (`manage.py notices_sweep`); `manage.py workflow_timers` fires
  viewflow's own timers.
* **Task pages.** Each human node names its page in workflows/views.py; the inbox
  serves every task at /review/tasks/<pk>/ through its node's view.

After publication a citizen may ask for an additional answer once: that starts an
`AdditionalAnswerFlow` (a department task), since the review process has ended.
"""

from __future__ import annotations

import logging

from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy
from viewflow import this
from viewflow.workflow import flow, lock

from ideas.models import TimelineEvent, TimelineOffice
from ideas.services import timeline_record
from review import services as review_services
from review.models import Decision, Panel, Review
from workflows.models import (
    AdditionalAnswerProcess,
    IdeaReviewProcess,
    ScreeningOutcome,
    Stage,
)
from workflows.nodes import CoordinatorView, DepartmentView, ExpertView, PanelSplit
from workflows.tasks import task_review
from workflows.views import AnswerView, DecideView, ReplaceView, ReviewView, ScreenView

logger = logging.getLogger(__name__)

SCREEN_PERMISSION = "workflows.can_screen"
DECIDE_PERMISSION = "workflows.can_decide"


def stage_set(*, process: IdeaReviewProcess, stage: str, office: str, wording: str = "") -> None:
    """Move the process to a public stage; with `wording`, also say so on the idea's timeline
    (without, the idea's status change has recorded it).

    `office` (an OFFICE_* name or a department's name) and `wording` (a `gettext_noop` msgid) are
    stored untranslated: pages show them in their reader's language.
    """
    now = timezone.now()
    process.stage, process.stage_since, process.office = stage, now, office
    IdeaReviewProcess.objects.filter(pk=process.pk).update(stage=stage, stage_since=now, office=office)
    if wording:
        timeline_record(idea=process.idea, kind=TimelineEvent.Kind.STAGE, office=office, wording=wording)


class IdeaReviewFlow(flow.Flow):
    """Expert review of an idea

    Screening by the coordinators, the internal and external expert panels in
    parallel, the responsible department's decision, and its publication."""

    process_class = IdeaReviewProcess
    lock_impl = lock.select_for_update_lock

    # Shown on the process pages and the diagram, in the reader's language (not the docstring).
    process_title = gettext_lazy("Expert review of an idea")
    process_description = gettext_lazy(
        "Screening by the coordinators, the internal and external expert panels in parallel, "
        "the responsible department's decision, and its publication."
    )
    process_summary_template = "{{ process.idea.title }} — {{ process.get_stage_display }}"

    start = (
        flow.StartHandle(this.start_review)
        .Annotation(title=pgettext_lazy("process step", "Selected for review"))
        .Next(this.screen)
    )

    screen = (
        CoordinatorView(ScreenView.as_view())
        .Annotation(title=gettext_lazy("Screen the idea"))
        .Permission(SCREEN_PERMISSION)
        .onCreate(this.enter_screening)
        .Next(this.check_screening)
    )

    check_screening = (
        flow.Switch()
        .Annotation(title=gettext_lazy("Screening outcome?"))
        .Case(this.merge_duplicate, this.is_duplicate)
        .Case(this.close_out_of_scope, this.is_out_of_scope)
        .Default(this.open_panels)
    )

    merge_duplicate = (
        flow.Function(this.merge_into_earlier)
        .Annotation(title=gettext_lazy("Merge into the earlier idea"))
        .Next(this.merged)
    )
    close_out_of_scope = (
        flow.Function(this.close_as_out_of_scope)
        .Annotation(title=gettext_lazy("Close as out of scope"))
        .Next(this.out_of_scope)
    )

    open_panels = (
        flow.Function(this.send_to_panels).Annotation(title=gettext_lazy("Send to the panels")).Next(this.split_panels)
    )

    split_panels = (
        PanelSplit()
        .Annotation(title=gettext_lazy("Both panels"))
        .Each(this.review_internal, this.internal_assignments)
        .Each(this.review_external, this.external_assignments)
    )

    review_internal = (
        ExpertView(ReviewView.as_view())
        .Annotation(title=gettext_lazy("Internal panel review"))
        .Assign(this.reviewer_of)
        .onCreate(this.link_review)
        .Next(this.check_internal_recusal)
    )
    check_internal_recusal = (
        flow.If(this.reviewer_recused)
        .Annotation(title=gettext_lazy("Recused?"))
        .Then(this.replace_internal, task_data=this.recused_review)
        .Else(this.join_panels)
    )
    replace_internal = (
        CoordinatorView(ReplaceView.as_view())
        .Annotation(title=gettext_lazy("Replace an internal reviewer"))
        .Permission(SCREEN_PERMISSION)
        .Next(this.review_internal, task_data=this.replacement_review)
    )

    review_external = (
        ExpertView(ReviewView.as_view())
        .Annotation(title=gettext_lazy("External panel review"))
        .Assign(this.reviewer_of)
        .onCreate(this.link_review)
        .Next(this.check_external_recusal)
    )
    check_external_recusal = (
        flow.If(this.reviewer_recused)
        .Annotation(title=gettext_lazy("Recused?"))
        .Then(this.replace_external, task_data=this.recused_review)
        .Else(this.join_panels)
    )
    replace_external = (
        CoordinatorView(ReplaceView.as_view())
        .Annotation(title=gettext_lazy("Replace an external reviewer"))
        .Permission(SCREEN_PERMISSION)
        .Next(this.review_external, task_data=this.replacement_review)
    )

    join_panels = flow.Join().Annotation(title=gettext_lazy("Both panels done")).Next(this.decide)

    decide = (
        DepartmentView(DecideView.as_view())
        .Annotation(title=gettext_lazy("Department decision"))
        .Permission(DECIDE_PERMISSION)
        .onCreate(this.await_decision)
        .Next(this.publish)
    )

    publish = flow.Function(this.publish_verdict).Annotation(title=gettext_lazy("Publish")).Next(this.published)

    published = flow.End().Annotation(title=gettext_lazy("Answered"))
    merged = flow.End().Annotation(title=gettext_lazy("Merged"))
    out_of_scope = flow.End().Annotation(title=gettext_lazy("Out of scope"))

    # -- callbacks (never named like a node) -------------------------------------------

    def start_review(self, activation, idea):
        activation.process.idea = idea
        activation.process.stage = Stage.SCREENING
        activation.process.office = TimelineOffice.COORDINATORS
        return activation.process

    def enter_screening(self, activation):
        stage_set(
            process=activation.process,
            stage=Stage.SCREENING,
            office=TimelineOffice.COORDINATORS,
            wording=gettext_noop("Screening by the review coordinators"),
        )

    def is_duplicate(self, activation) -> bool:
        return activation.process.screening_outcome == ScreeningOutcome.DUPLICATE

    def is_out_of_scope(self, activation) -> bool:
        return activation.process.screening_outcome == ScreeningOutcome.OUT_OF_SCOPE

    def merge_into_earlier(self, activation):
        process = activation.process
        review_services.idea_merge(idea=process.idea, into=process.merge_target, actor=process.screened_by)
        stage_set(process=process, stage=Stage.MERGED, office=TimelineOffice.COORDINATORS)

    def close_as_out_of_scope(self, activation):
        process = activation.process
        review_services.idea_close_out_of_scope(
            idea=process.idea, actor=process.screened_by, reason=process.out_of_scope_reason
        )
        stage_set(process=process, stage=Stage.OUT_OF_SCOPE, office=TimelineOffice.COORDINATORS)

    def send_to_panels(self, activation):
        stage_set(
            process=activation.process,
            stage=Stage.PANEL_REVIEW,
            office=TimelineOffice.PANELS,
            wording=gettext_noop("In review by the expert panels"),
        )

    def _assignments(self, activation, kind: str) -> list[dict]:
        reviews = Review.objects.filter(
            idea=activation.process.idea, panel__kind=kind, status=Review.Status.ASSIGNED, task__isnull=True
        ).order_by("pk")
        return [{"review_id": pk} for pk in reviews.values_list("pk", flat=True)]

    def internal_assignments(self, activation) -> list[dict]:
        return self._assignments(activation, Panel.Kind.INTERNAL)

    def external_assignments(self, activation) -> list[dict]:
        return self._assignments(activation, Panel.Kind.EXTERNAL)

    def reviewer_of(self, activation):
        return task_review(activation.task).expert.user

    def link_review(self, activation):
        Review.objects.filter(pk=activation.task.data["review_id"]).update(task=activation.task)

    def reviewer_recused(self, activation) -> bool:
        review_task = activation.task.previous.get()
        return Review.objects.filter(pk=review_task.data["review_id"], status=Review.Status.RECUSED).exists()

    def recused_review(self, activation) -> dict:
        return {"review_id": activation.task.previous.get().data["review_id"]}

    def replacement_review(self, activation) -> dict:
        replaced = Review.objects.get(pk=activation.task.data["review_id"])
        return {"review_id": replaced.replaced_by_id}

    def await_decision(self, activation):
        process = activation.process
        department = process.idea.department
        IdeaReviewProcess.objects.filter(pk=process.pk).update(decision_due_at=review_services.decision_due_at())
        stage_set(
            process=process,
            stage=Stage.AWAITING_DECISION,
            office=department.name if department else TimelineOffice.DEPARTMENT,
            wording=gettext_noop("Both panels have reviewed the idea; awaiting the department's decision."),
        )

    def publish_verdict(self, activation):
        process = activation.process
        decision = Decision.objects.get(idea=process.idea)
        review_services.decision_publish(decision=decision)
        stage_set(process=process, stage=Stage.PUBLISHED, office=decision.department.name)


class AdditionalAnswerFlow(flow.Flow):
    """Additional answer

    A citizen asked the department once more about its published answer."""

    process_class = AdditionalAnswerProcess
    lock_impl = lock.select_for_update_lock

    process_title = gettext_lazy("Additional answer")
    process_description = gettext_lazy("A citizen asked the department once more about its published answer.")

    start = (
        flow.StartHandle(this.start_request)
        .Annotation(title=pgettext_lazy("process step", "Question asked"))
        .Next(this.answer)
    )
    answer = (
        DepartmentView(AnswerView.as_view())
        .Annotation(title=gettext_lazy("Give an additional answer"))
        .Permission(DECIDE_PERMISSION)
        .Next(this.answered)
    )
    answered = flow.End().Annotation(title=gettext_lazy("Answered"))

    def start_request(self, activation, request):
        activation.process.request = request
        return activation.process


FLOWS = (IdeaReviewFlow, AdditionalAnswerFlow)
