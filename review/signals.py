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

# Sent after commit when an expert is asked to review an idea. kwargs: review (review.models.Review)
review_assigned = Signal()

# Sent after commit when an expert recuses themselves. kwargs: review (review.models.Review)
reviewer_recused = Signal()

# Sent after commit when the last open review of an idea is submitted and every panel has
# submitted reviews: the department's decision is needed. kwargs: idea (ideas.models.Idea)
reviews_completed = Signal()
