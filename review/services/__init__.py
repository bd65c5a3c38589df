"""Writes of the expert review, by sub-domain; this package is their one import path.

These are domain rules only. *When* they happen is the workflow's business
(workflows/ calls them from its nodes and task pages); every function here checks
its own preconditions, owns its transaction, raises ValidationError /
PermissionDenied, records the public timeline (offices, never reviewers' names) and
sends its domain signal robustly after commit (core.signals.send_on_commit).
"""

from review.services.answers import additional_answer_submit, answer_rate, answer_request_additional
from review.services.closing import idea_close_out_of_scope, idea_merge, idea_merge_check, out_of_scope_reason_clean
from review.services.decision import decision_due_at, decision_publish, decision_submit
from review.services.implementation import implementation_update
from review.services.reviews import review_recuse, review_replace, review_submit
from review.services.screening import idea_department_assign, review_due_at, reviewer_assign, reviewers_check

__all__ = [
    "additional_answer_submit",
    "answer_rate",
    "answer_request_additional",
    "decision_due_at",
    "decision_publish",
    "decision_submit",
    "idea_close_out_of_scope",
    "idea_department_assign",
    "idea_merge",
    "idea_merge_check",
    "implementation_update",
    "out_of_scope_reason_clean",
    "review_due_at",
    "review_recuse",
    "review_replace",
    "review_submit",
    "reviewer_assign",
    "reviewers_check",
]
