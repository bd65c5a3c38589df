"""Who may do what in expert review (django-rules for domain permissions).

Workflow *tasks* are gated separately by database permissions and task owners
(see workflows/flows.py); these rules guard the domain services and pages.
"""

from __future__ import annotations

import rules

from core.roles import GROUP_COORDINATORS


def department_group_id(idea) -> int | None:
    department = getattr(idea, "department", None)
    return department.group_id if department is not None else None


def user_in_department(user, department) -> bool:
    """Membership of the department's staff group (no superuser shortcut: decisions are the office's)."""
    if user is None or not user.is_authenticated or not user.is_active or department is None:
        return False
    if department.group_id is None:
        return False
    return user.groups.filter(pk=department.group_id).exists()


@rules.predicate
def is_department_member(user, idea) -> bool:
    return idea is not None and user_in_department(user, idea.department)


@rules.predicate
def is_assigned_expert(user, idea) -> bool:
    if idea is None or not user.is_authenticated:
        return False
    return idea.reviews.filter(expert__user=user).exists()


is_coordinator = rules.is_group_member(GROUP_COORDINATORS) | rules.is_superuser

# Staff pages of an idea's review: the whole history with names.
rules.add_perm("review.view_process", rules.is_authenticated & (is_coordinator | is_department_member))
# The reviews themselves (experts additionally need their own submitted review; see selectors).
rules.add_perm(
    "review.see_reviews", rules.is_authenticated & (is_coordinator | is_department_member | is_assigned_expert)
)
rules.add_perm("review.update_implementation", rules.is_authenticated & is_department_member)
rules.add_perm("review.see_overview", rules.is_authenticated & is_coordinator)
