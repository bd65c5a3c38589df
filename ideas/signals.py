"""Domain events other apps subscribe to (the review workflow listens to these)."""

from django.dispatch import Signal

# Sent once, after commit, when an idea crosses its campaign's threshold.
# kwargs: idea (ideas.models.Idea)
idea_selected_for_review = Signal()
