"""Starting review processes and working their tasks.

Every task action runs under the process lock (`task.activation()`), in one
transaction: claim the task if needed, check that the user may execute it, run the
domain service (review.services), complete the task and let viewflow activate what
comes next. A domain error rolls everything back, so bad input changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from ideas.models import Department, Idea, IdeaStatus
from review import services as review_services
from review.models import AdditionalAnswerRequest, Expert, Panel, Review
from workflows.flows import FLOWS, AdditionalAnswerFlow, IdeaReviewFlow
from workflows.models import AdditionalAnswerProcess, IdeaReviewProcess, ScreeningOutcome, Stage

logger = logging.getLogger(__name__)
T = TypeVar("T")
OPEN_TASK_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


# ---------------------------------------------------------------------------
# starting


def review_start(*, idea: Idea) -> IdeaReviewProcess | None:
    """Start the review of a selected idea, exactly once. Returns the idea's process.

    Idempotent: a second delivery of the threshold event finds the existing process;
    two racing deliveries are settled by the unique idea link (IntegrityError).
    """
    idea = Idea.objects.get(pk=idea.pk)
    if idea.status != IdeaStatus.IN_REVIEW:
        return IdeaReviewProcess.objects.filter(idea=idea).first()
    existing = IdeaReviewProcess.objects.filter(idea=idea).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return IdeaReviewFlow.start.run(idea=idea)
    except IntegrityError:
        return IdeaReviewProcess.objects.get(idea=idea)


def additional_answer_start(*, request: AdditionalAnswerRequest) -> AdditionalAnswerProcess:
    existing = AdditionalAnswerProcess.objects.filter(request=request).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return AdditionalAnswerFlow.start.run(request=request)
    except IntegrityError:
        return AdditionalAnswerProcess.objects.get(request=request)


def reviews_sweep() -> dict[str, int]:
    """Start every review (and additional answer) that a crash left unstarted."""
    started = answers = 0
    for idea in Idea.objects.filter(status=IdeaStatus.IN_REVIEW, review_process__isnull=True).iterator():
        if review_start(idea=idea) is not None:
            started += 1
    for request in AdditionalAnswerRequest.objects.filter(process__isnull=True, answered_at__isnull=True).iterator():
        additional_answer_start(request=request)
        answers += 1
    return {"reviews_started": started, "answers_started": answers}


# ---------------------------------------------------------------------------
# who may act on which task


def flow_tasks() -> Any:
    return Task.objects.filter(process__flow_class__in=FLOWS, flow_task_type="HUMAN")


def task_can_claim(task: Task, user: AbstractBaseUser) -> bool:
    return task.status == STATUS.NEW and bool(task.flow_task.can_assign(user, task))


def task_can_execute(task: Task, user: AbstractBaseUser) -> bool:
    return task.status in (STATUS.ASSIGNED, STATUS.STARTED) and bool(task.flow_task.can_execute(user, task))


def task_is_actionable(task: Task, user: AbstractBaseUser) -> bool:
    return user.is_authenticated and (task_can_claim(task, user) or task_can_execute(task, user))


def task_due_at(task: Task) -> datetime | None:
    """When the task is due: the review's due date, the decision's, or the request's."""
    process = task.process.coerced
    review_id = (task.data or {}).get("review_id")
    if task.flow_task in (IdeaReviewFlow.review_internal, IdeaReviewFlow.review_external) and review_id:
        return Review.objects.filter(pk=review_id).values_list("due_at", flat=True).first()
    if task.flow_task == IdeaReviewFlow.decide:
        return process.decision_due_at
    if task.flow_task == AdditionalAnswerFlow.answer:
        return process.request.due_at
    return None


def task_idea(task: Task) -> Idea:
    process = task.process.coerced
    return process.idea if isinstance(process, IdeaReviewProcess) else process.request.idea


def task_claim(*, task: Task, user: AbstractBaseUser) -> Task:
    with task.activation() as activation:
        if not task_can_claim(activation.task, user):
            raise PermissionDenied(_("You cannot take this task."))
        activation.assign(user)
    return activation.task


def task_release(*, task: Task, user: AbstractBaseUser) -> Task:
    """Give a claimed group task back to the queue (not possible for an expert's own review)."""
    with task.activation() as activation:
        if activation.task.status != STATUS.ASSIGNED or not activation.task.flow_task.can_unassign(
            user, activation.task
        ):
            raise PermissionDenied(_("You cannot release this task."))
        if activation.task.owner_id != user.pk:
            raise PermissionDenied(_("You cannot release this task."))
        activation.unassign()
    return activation.task


def _run(*, task: Task, user: AbstractBaseUser, expected: Iterable[Any], action: Callable[[Any], T]) -> T:
    if task.flow_task not in tuple(expected):
        raise PermissionDenied(_("This is not that kind of task."))
    with task.activation() as activation:
        current = activation.task
        if current.status not in OPEN_TASK_STATUSES:
            raise ValidationError(_("This task has already been completed."), code="task_closed")
        if current.status == STATUS.NEW:
            if not task_can_claim(current, user):
                raise PermissionDenied(_("This task is not yours."))
            activation.assign(user)
        if not current.flow_task.can_execute(user, current):
            raise PermissionDenied(_("This task is not yours."))
        if current.status == STATUS.ASSIGNED:
            activation.start(None)
        result = action(activation)
        activation.execute()
    return result


# ---------------------------------------------------------------------------
# the tasks


def screening_submit(
    *,
    task: Task,
    user: AbstractBaseUser,
    outcome: str,
    department: Department | None = None,
    internal_reviewers: list[Expert] | None = None,
    external_reviewers: list[Expert] | None = None,
    merge_target: Idea | None = None,
    reason: str = "",
) -> IdeaReviewProcess:
    """The coordinator screens: send to the panels (department + reviewers), merge, or close as out of scope."""

    def action(activation) -> IdeaReviewProcess:
        process: IdeaReviewProcess = activation.process
        idea = Idea.objects.get(pk=process.idea_id)
        if outcome == ScreeningOutcome.REVIEW:
            chosen = {Panel.Kind.INTERNAL: internal_reviewers or [], Panel.Kind.EXTERNAL: external_reviewers or []}
            errors: dict[str, list[str]] = {}
            if department is None:
                errors["department"] = [_("Choose the responsible department.")]
            try:
                review_services.reviewers_check(idea=idea, experts_by_panel=chosen)
            except ValidationError as exc:
                errors.update(exc.message_dict)
            if errors:
                raise ValidationError(errors)
            review_services.idea_department_assign(idea=idea, department=department, actor=user)
            for experts in chosen.values():
                for expert in experts:
                    review_services.reviewer_assign(idea=idea, expert=expert, assigned_by=user)
        elif outcome == ScreeningOutcome.DUPLICATE:
            review_services.idea_merge_check(idea=idea, into=merge_target)
        elif outcome == ScreeningOutcome.OUT_OF_SCOPE:
            if len((reason or "").strip()) < 10:
                raise ValidationError({"reason": _("Give the public reason (at least 10 characters).")})
        else:
            raise ValidationError({"outcome": _("Choose what to do with the idea.")})
        process.screening_outcome = outcome
        process.screened_by = user
        process.merge_target = merge_target if outcome == ScreeningOutcome.DUPLICATE else None
        process.out_of_scope_reason = (reason or "").strip() if outcome == ScreeningOutcome.OUT_OF_SCOPE else ""
        process.save(update_fields=["screening_outcome", "screened_by", "merge_target", "out_of_scope_reason"])
        return process

    return _run(task=task, user=user, expected=[IdeaReviewFlow.screen], action=action)


def _task_review(activation) -> Review:
    return Review.objects.select_related("expert__user", "panel", "idea").get(pk=activation.task.data["review_id"])


REVIEW_NODES = (IdeaReviewFlow.review_internal, IdeaReviewFlow.review_external)


def expert_review_submit(*, task: Task, user: AbstractBaseUser, **fields: Any) -> Review:
    """The assigned expert submits their review (rubric, opinion, recommendation)."""
    return _run(
        task=task,
        user=user,
        expected=REVIEW_NODES,
        action=lambda activation: review_services.review_submit(review=_task_review(activation), user=user, **fields),
    )


def expert_recuse(*, task: Task, user: AbstractBaseUser, reason: str) -> Review:
    """The assigned expert recuses; the flow asks the coordinators for a replacement."""
    return _run(
        task=task,
        user=user,
        expected=REVIEW_NODES,
        action=lambda activation: review_services.review_recuse(
            review=_task_review(activation), user=user, reason=reason
        ),
    )


def reviewer_replace(*, task: Task, user: AbstractBaseUser, replacement: Expert | None) -> Review:
    """The coordinator appoints a replacement for a recused expert."""

    def action(activation) -> Review:
        if replacement is None:
            raise ValidationError({"replacement": _("Choose the replacement reviewer.")})
        recused = _task_review(activation)
        return review_services.review_replace(review=recused, replacement=replacement, coordinator=user)

    return _run(
        task=task, user=user, expected=(IdeaReviewFlow.replace_internal, IdeaReviewFlow.replace_external), action=action
    )


def decision_submit(*, task: Task, user: AbstractBaseUser, **fields: Any):
    """A member of the responsible department decides; the flow publishes the verdict."""
    return _run(
        task=task,
        user=user,
        expected=[IdeaReviewFlow.decide],
        action=lambda activation: review_services.decision_record(
            idea=Idea.objects.select_related("department").get(pk=activation.process.idea_id), user=user, **fields
        ),
    )


def additional_answer_submit(*, task: Task, user: AbstractBaseUser, answer: str) -> AdditionalAnswerRequest:
    return _run(
        task=task,
        user=user,
        expected=[AdditionalAnswerFlow.answer],
        action=lambda activation: review_services.additional_answer_give(
            request=activation.process.request, user=user, answer=answer
        ),
    )


# ---------------------------------------------------------------------------
# reading


def inbox(*, user: AbstractBaseUser) -> dict[str, list[dict[str, Any]]]:
    """The user's tasks and their groups' unclaimed tasks, overdue first, then oldest first."""
    now = timezone.now()
    if not user.is_authenticated:
        return {"mine": [], "queue": []}
    base = flow_tasks().select_related("process", "owner")
    mine = [t for t in base.filter(owner=user, status__in=[STATUS.ASSIGNED, STATUS.STARTED])]
    queue = [t for t in base.filter(status=STATUS.NEW).user_queue(user) if task_can_claim(t, user)]

    def rows(tasks: list[Task]) -> list[dict[str, Any]]:
        result = []
        for task in tasks:
            due = task_due_at(task)
            result.append(
                {
                    "task": task,
                    "idea": task_idea(task),
                    "due_at": due,
                    "overdue": bool(due and due < now),
                    "title": task.flow_task.task_title,
                }
            )
        result.sort(key=lambda r: (not r["overdue"], r["due_at"] or r["task"].created, r["task"].pk))
        return result

    return {"mine": rows(mine), "queue": rows(queue)}


def open_tasks_of(process) -> list[Task]:
    return list(
        Task.objects.filter(process=process, status__in=OPEN_TASK_STATUSES, flow_task_type="HUMAN").select_related(
            "owner"
        )
    )


def process_for_idea(idea: Idea) -> IdeaReviewProcess | None:
    return IdeaReviewProcess.objects.filter(idea=idea).first()


def review_task_for(review: Review) -> Task | None:
    return review.task


def idea_reviews_count(idea: Idea) -> dict[str, int]:
    return {
        kind: Review.objects.filter(idea=idea, panel__kind=kind).exclude(status=Review.Status.RECUSED).count()
        for kind in Panel.Kind.values
    }


# ---------------------------------------------------------------------------
# reminders (run by `manage.py workflow_timers`)


def _department_emails(department) -> list[str]:
    if department is None or department.group_id is None:
        return []
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(groups=department.group_id, is_active=True).exclude(email="")
    return list(users.values_list("email", flat=True))


def reminders_send(*, now: datetime | None = None) -> dict[str, int]:
    """Remind whoever holds an overdue review, decision or additional answer.

    At most one reminder per task every OASIS_REMINDER_INTERVAL_HOURS, so the command
    can run as often as wanted (e.g. hourly from cron or a systemd timer).
    """
    from datetime import timedelta

    from django.conf import settings
    from django.core.mail import send_mail

    now = now or timezone.now()
    quiet_since = now - timedelta(hours=settings.OASIS_REMINDER_INTERVAL_HOURS)
    counts = {"reviews": 0, "decisions": 0, "answers": 0}
    recent = Q(reminded_at__isnull=True) | Q(reminded_at__lt=quiet_since)

    for review in Review.objects.overdue(now).filter(recent).select_related("idea", "expert__user", "panel"):
        with transaction.atomic():
            if not Review.objects.filter(pk=review.pk).filter(recent).update(reminded_at=now):
                continue  # another run got here first
            if review.expert.user.email:
                send_mail(
                    _("Reminder: your review of “%(title)s” is overdue") % {"title": review.idea.title},
                    _(
                        "Your review for the %(panel)s was due on %(due)s. Please submit it (or recuse yourself) in the review inbox."
                    )
                    % {"panel": review.panel.name, "due": review.due_at.date().isoformat()},
                    None,
                    [review.expert.user.email],
                )
        counts["reviews"] += 1

    decisions = IdeaReviewProcess.objects.filter(stage=Stage.AWAITING_DECISION, decision_due_at__lt=now).filter(
        Q(decision_reminded_at__isnull=True) | Q(decision_reminded_at__lt=quiet_since)
    )
    for process in decisions.select_related("idea__department"):
        with transaction.atomic():
            updated = (
                IdeaReviewProcess.objects.filter(pk=process.pk)
                .filter(Q(decision_reminded_at__isnull=True) | Q(decision_reminded_at__lt=quiet_since))
                .update(decision_reminded_at=now)
            )
            if not updated:
                continue
            emails = _department_emails(process.idea.department)
            if emails:
                send_mail(
                    _("Reminder: the decision on “%(title)s” is overdue") % {"title": process.idea.title},
                    _("Both expert panels have reviewed this idea; the department's decision was due on %(due)s.")
                    % {"due": process.decision_due_at.date().isoformat()},
                    None,
                    emails,
                )
        counts["decisions"] += 1

    answers = AdditionalAnswerRequest.objects.filter(answered_at__isnull=True, due_at__lt=now).filter(recent)
    for request in answers.select_related("idea__department"):
        with transaction.atomic():
            if not AdditionalAnswerRequest.objects.filter(pk=request.pk).filter(recent).update(reminded_at=now):
                continue
            emails = _department_emails(request.idea.department)
            if emails:
                send_mail(
                    _("Reminder: an additional answer on “%(title)s” is overdue") % {"title": request.idea.title},
                    _("A citizen's question about the published answer is waiting in the review inbox."),
                    None,
                    emails,
                )
        counts["answers"] += 1
    return counts
