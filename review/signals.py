"""Events the workflow app subscribes to (review must not import workflows)."""

from django.dispatch import Signal

# Sent after commit when a citizen asks for an additional answer.
# kwargs: request (review.models.AdditionalAnswerRequest)
additional_answer_requested = Signal()

# Sent after commit when the department's verdict is published (the notifications app
# tells the author, voters and followers). kwargs: decision (review.models.Decision)
verdict_published = Signal()

# Sent after commit when the department answers a request for an additional answer.
# kwargs: request (review.models.AdditionalAnswerRequest)
additional_answer_given = Signal()

# Sent after commit when an adopted idea's implementation status changes.
# kwargs: decision (review.models.Decision)
implementation_updated = Signal()
