"""Small extensions of viewflow's open-source nodes used by the review flows.

* `PanelSplit` — a parallel gateway that creates one task per assigned expert. Built
  like the cookbook's dynamic split from viewflow's public pieces (a `Node` with its own
  activation, `Token.split_token_source`, `node._create(..., data=...)`): each branch
  names a node and a data source; the activation creates one task of that node per item
  (as its `task.data`), all under the split's token, so the `Join` downstream waits for
  every one of them. The open-source `Split.Next` has no data source, so it is not used.
* `ExpertView` — a human task that belongs to exactly one expert: assigned when it
  is created, never claimable or releasable by anyone else.
* `DepartmentView` — a human task of the responsible department: the database
  permission (`workflows.can_decide`, held by department staff groups) *and*
  membership of the idea's own department group are required.
* `CoordinatorView` — a coordinators' group task (`workflows.can_screen`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from viewflow import this
from viewflow.workflow import Activation, FlowRuntimeError, Node, Token, flow
from viewflow.workflow.base import Edge

from review.rules import user_in_department

DataSource = Callable[[Activation], list[dict[str, Any]]]


class PanelSplitActivation(Activation):
    def __init__(self, *args, **kwargs):
        self.next_tasks: list[tuple[Node, dict[str, Any]]] = []
        super().__init__(*args, **kwargs)

    @Activation.status.super()
    def activate(self):
        self.next_tasks = [(node, item) for node, items in self.flow_task.branches for item in items(self)]
        if not self.next_tasks:
            raise FlowRuntimeError(f"{self.flow_task.name}: no task to create (no reviewers assigned)")

    @Activation.status.super()
    def create_next(self):
        tokens = Token.split_token_source(self.task.token, self.task.pk)
        for node, data in self.next_tasks:
            yield node._create(prev_activation=self, token=next(tokens), data=data)


class PanelSplit(Node):
    """Parallel gateway: `.Each(node, data_source)` creates one `node` task per item of the data source."""

    activation_class = PanelSplitActivation
    task_type = flow.Split.task_type
    shape = flow.Split.shape
    bpmn_element = flow.Split.bpmn_element

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.branches: list[tuple[Any, Any]] = []

    def Each(self, node, data_source: DataSource) -> PanelSplit:
        self.branches.append((node, data_source))
        return self

    def _resolve(self, instance) -> None:
        super()._resolve(instance)
        self.branches = [(this.resolve(instance, n), this.resolve(instance, s)) for n, s in self.branches]

    def _outgoing(self) -> Iterator[Edge]:
        for node, _source in self.branches:
            yield Edge(src=self, dst=node, edge_class="default")

    @property
    def _branches(self) -> list[tuple[Any, None, Any, None]]:
        # Read-only, in the (node, case, data_source, seed_source) shape viewflow's Flow setup
        # reads from gateways: it draws each branch target as a multi-instance task.
        return [(node, None, source, None) for node, source in self.branches]


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
