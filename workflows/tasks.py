"""Working the human tasks of the review flows: who may act, claiming, completing, the inbox.

Every task action runs under the process lock (`task.activation()`), in one
transaction: claim the task if needed, check that the user may execute it, run the
review service of the same name, complete the task and let viewflow activate what
comes next. A domain error rolls everything back, so bad input changes nothing.

flows.py imports the task views (each node names its view), and the views call this
module, so it must not import flows.py: it reaches a flow's nodes through the task
(`task.flow_task.flow_class`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from ideas.models import Department, Idea
from review import services as review_services
from review.models import AdditionalAnswerRequest, Decision, Expert, Panel, Review
from workflows.models import AdditionalAnswerProcess, IdeaReviewProcess, ScreeningOutcome
from workflows.nodes import ExpertView

T = TypeVar("T")
OPEN_TASK_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


def flow_tasks() -> QuerySet[Task]:
    """Human tasks of the review flows (an idea review or an additional answer)."""
    ours = Q(process__ideareviewprocess__isnull=False) | Q(process__additionalanswerprocess__isnull=False)
    return Task.objects.filter(ours, flow_task_type="HUMAN")


def task_is_node(task: Task, *names: str) -> bool:
    """The task is one of these nodes of its own flow."""
    flow_class = task.flow_task.flow_class
    return any(task.flow_task is getattr(flow_class, name, None) for name in names)


def task_is_review(task: Task) -> bool:
    """An expert's review task (`review_internal` / `review_external`)."""
    return isinstance(task.flow_task, ExpertView)


def task_can_claim(task: Task, user: AbstractBaseUser) -> bool:
    return task.status == STATUS.NEW and bool(task.flow_task.can_assign(user, task))


def task_can_execute(task: Task, user: AbstractBaseUser) -> bool:
    return task.status in (STATUS.ASSIGNED, STATUS.STARTED) and bool(task.flow_task.can_execute(user, task))


def task_is_actionable(task: Task, user: AbstractBaseUser) -> bool:
    return user.is_authenticated and (task_can_claim(task, user) or task_can_execute(task, user))


def task_due_at(task: Task) -> datetime | None:
    """When the task is due: the review's due date, the decision's, or the request's."""
    process = task.process.coerced
    if isinstance(process, AdditionalAnswerProcess):
        return process.request.due_at
    review_id = (task.data or {}).get("review_id")
    if task_is_review(task) and review_id:
        return Review.objects.filter(pk=review_id).values_list("due_at", flat=True).first()
    if task_is_node(task, "decide"):
        return process.decision_due_at
    return None


def task_idea(task: Task) -> Idea:
    process = task.process.coerced
    return process.idea if isinstance(process, IdeaReviewProcess) else process.request.idea


def task_review(task: Task) -> Review:
    """The review a review or replacement task is about (`task.data["review_id"]`)."""
    return Review.objects.select_related("expert__user", "panel", "idea__campaign").get(pk=task.data["review_id"])


def task_claim(*, task: Task, user: AbstractBaseUser) -> Task:
    with task.activation() as activation:
        if not task_can_claim(activation.task, user):
            raise PermissionDenied(_("You cannot take this task."))
        activation.assign(user)
    return activation.task


def task_release(*, task: Task, user: AbstractBaseUser) -> Task:
    """Give a claimed group task back to the queue (not possible for an expert's own review)."""
    with task.activation() as activation:
        current = activation.task
        if current.status != STATUS.ASSIGNED or not current.flow_task.can_unassign(user, current):
            raise PermissionDenied(_("You cannot release this task."))
        if current.owner_id != user.pk:
            raise PermissionDenied(_("You cannot release this task."))
        activation.unassign()
    return activation.task


def _complete(*, task: Task, user: AbstractBaseUser, nodes: tuple[str, ...], action: Callable[[Any], T]) -> T:
    if not task_is_node(task, *nodes):
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
# the tasks, one per human node; each named like the review service it runs


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
            review_services.out_of_scope_reason_clean(reason)
        else:
            raise ValidationError({"outcome": _("Choose what to do with the idea.")})
        process.screening_outcome = outcome
        process.screened_by = user
        process.merge_target = merge_target if outcome == ScreeningOutcome.DUPLICATE else None
        process.out_of_scope_reason = (reason or "").strip() if outcome == ScreeningOutcome.OUT_OF_SCOPE else ""
        process.save(update_fields=["screening_outcome", "screened_by", "merge_target", "out_of_scope_reason"])
        return process

    return _complete(task=task, user=user, nodes=("screen",), action=action)


def review_submit(*, task: Task, user: AbstractBaseUser, **fields: Any) -> Review:
    """The assigned expert submits their review (rubric, opinion, recommendation)."""
    return _complete(
        task=task,
        user=user,
        nodes=("review_internal", "review_external"),
        action=lambda activation: review_services.review_submit(
            review=task_review(activation.task), user=user, **fields
        ),
    )


def review_recuse(*, task: Task, user: AbstractBaseUser, reason: str) -> Review:
    """The assigned expert recuses; the flow asks the coordinators for a replacement."""
    return _complete(
        task=task,
        user=user,
        nodes=("review_internal", "review_external"),
        action=lambda activation: review_services.review_recuse(
            review=task_review(activation.task), user=user, reason=reason
        ),
    )


def review_replace(*, task: Task, user: AbstractBaseUser, replacement: Expert | None) -> Review:
    """The coordinator appoints a replacement for a recused expert."""
    return _complete(
        task=task,
        user=user,
        nodes=("replace_internal", "replace_external"),
        action=lambda activation: review_services.review_replace(
            review=task_review(activation.task), replacement=replacement, coordinator=user
        ),
    )


def decision_submit(*, task: Task, user: AbstractBaseUser, **fields: Any) -> Decision:
    """A member of the responsible department decides; the flow publishes the verdict."""
    return _complete(
        task=task,
        user=user,
        nodes=("decide",),
        action=lambda activation: review_services.decision_submit(
            idea=Idea.objects.select_related("department").get(pk=activation.process.idea_id), user=user, **fields
        ),
    )


def additional_answer_submit(*, task: Task, user: AbstractBaseUser, answer: str) -> AdditionalAnswerRequest:
    """The department gives the additional answer a citizen asked for."""
    return _complete(
        task=task,
        user=user,
        nodes=("answer",),
        action=lambda activation: review_services.additional_answer_submit(
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
    mine = list(base.filter(owner=user, status__in=[STATUS.ASSIGNED, STATUS.STARTED]))
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
