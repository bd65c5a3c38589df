"""Small extensions of viewflow's open-source nodes used by the review flows.

* `PanelSplit` — a parallel gateway whose branches may be *multi-instance*: the
  open-source `Split.Next` has no `data_source`, but its activation already creates
  each next task with its own `data`; `PanelSplit.Next(node, data_source=...)`
  creates one task of `node` per item (one per assigned expert), all under the
  split's token, so the `Join` downstream waits for every one of them.
* `ExpertView` — a human task that belongs to exactly one expert: assigned when it
  is created, never claimable or releasable by anyone else.
* `DepartmentView` — a human task of the responsible department: the database
  permission (`workflows.can_decide`, held by department staff groups) *and*
  membership of the idea's own department group are required.
"""

from __future__ import annotations

from django.shortcuts import redirect
from viewflow.workflow import flow
from viewflow.workflow.activation import Activation
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.nodes.split import SplitActivation

from review.rules import user_in_department


def task_page(request, process_pk: int, task_pk: int, **kwargs):
    """Every human task is worked on at /review/tasks/<pk>/ (our pages, not viewflow's frontend)."""
    return redirect("review:task", pk=task_pk)


class PanelSplitActivation(SplitActivation):
    @Activation.status.super()
    def activate(self):
        for node, cond, data_source in self.flow_task._branches:
            if cond and not cond(self):
                continue
            if data_source is None:
                self.next_tasks.append((node, None))
            else:
                self.next_tasks.extend((node, item) for item in data_source(self))
        if not self.next_tasks:
            raise FlowRuntimeError(f"No next task available for {self.flow_task.name}")


class PanelSplit(flow.Split):
    activation_class = PanelSplitActivation

    def Next(self, node, case=None, data_source=None):
        """Activate `node` — once, or once per item that `data_source(activation)` returns (as task.data)."""
        self._activate_next.append((node, case, data_source))
        return self

    def _ready(self):
        super()._ready()
        for node, _case, data_source in self._activate_next:
            if data_source is not None:
                node._multi_instance = True  # drawn/exported as a BPMN multi-instance task


def _process_department(task):
    process = task.process.coerced
    return getattr(process, "department", None)


class ExpertView(flow.View):
    def can_assign(self, user, task):
        return False

    def can_unassign(self, user, task):
        return False

    def can_execute(self, user, task):
        return super().can_execute(user, task) and user.is_active


class DepartmentView(flow.View):
    def can_assign(self, user, task):
        return super().can_assign(user, task) and user_in_department(user, _process_department(task))

    def can_execute(self, user, task):
        return super().can_execute(user, task) and user_in_department(user, _process_department(task))


class CoordinatorView(flow.View):
    def can_execute(self, user, task):
        return (
            super().can_execute(user, task)
            and user.is_active
            and (user.has_perm(task.owner_permission) if task.owner_permission else True)
        )
