"""Staff process pages: the BPMN diagram viewflow draws, the current step and the history.

Apart from the task views because they need the flow classes, and flows.py imports the
task views (workflows/views.py).

The diagram is laid out per request, so its labels (the nodes' lazy titles, and the
gateways' branch labels viewflow writes in English) are in the reader's language.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext_lazy
from viewflow.workflow import chart
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.flows import IdeaReviewFlow
from workflows.models import IdeaReviewProcess
from workflows.tasks import task_due_at

OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED, STATUS.SCHEDULED, STATUS.ERROR)

# viewflow labels an If gateway's two branches "yes" and "no", untranslated.
BRANCH_LABELS = {
    "yes": pgettext_lazy("diagram: the branch taken when a condition holds", "yes"),
    "no": pgettext_lazy("diagram: the branch taken when a condition does not hold", "no"),
}


def _svg(process_pk: int | None = None) -> str:
    """The flow's BPMN diagram as SVG in the active language (with one process's progress)."""
    grid = chart.calc_layout_data(IdeaReviewFlow)
    for edge in grid.edges:
        if edge.label in BRANCH_LABELS:
            edge.label = str(BRANCH_LABELS[edge.label])
    if process_pk is not None:
        chart.calc_cell_status(IdeaReviewFlow, grid, process_pk)
    return chart.grid_to_svg(grid)


def _may_see(user, idea) -> bool:
    return user.has_perm("review.view_process", idea)


@login_required
def flow_detail(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("review.see_overview"):
        raise PermissionDenied
    return render(
        request,
        "workflows/flow_detail.html",
        {"flow": IdeaReviewFlow.instance, "diagram": mark_safe(_svg())},
    )


@login_required
def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    process = get_object_or_404(IdeaReviewProcess.objects.select_related("idea__campaign", "idea__department"), pk=pk)
    if not _may_see(request.user, process.idea):
        raise PermissionDenied
    tasks = list(Task.objects.filter(process=process).select_related("owner").order_by("created", "pk"))
    current = [t for t in tasks if t.status in OPEN and t.flow_task_type in ("HUMAN", "JOIN")]
    history = [
        {
            "task": task,
            "title": task.flow_task.task_title if task.flow_task else str(task.flow_task),
            "who": task.owner.get_username() if task.owner_id else "",
            "due_at": task_due_at(task) if task.flow_task_type == "HUMAN" else None,
        }
        for task in tasks
    ]
    return render(
        request,
        "workflows/process_detail.html",
        {
            "process": process,
            "idea": process.idea,
            "diagram": mark_safe(_svg(process.pk)),
            "current": current,
            "history": history,
        },
    )


@login_required
def process_chart(request: HttpRequest, pk: int) -> HttpResponse:
    process = get_object_or_404(IdeaReviewProcess.objects.select_related("idea"), pk=pk)
    if not _may_see(request.user, process.idea):
        raise PermissionDenied
    return HttpResponse(_svg(process.pk), content_type="image/svg+xml")
