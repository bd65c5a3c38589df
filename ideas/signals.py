"""Domain events other apps subscribe to (the review workflow listens to these)."""

from django.dispatch import Signal

# Sent once, after commit, when an idea crosses its campaign's threshold.
# kwargs: idea (ideas.models.Idea)
idea_selected_for_review = Signal()

# Sent after commit when a comment (or a reply) is published.
# kwargs: comment (ideas.models.Comment; comment.parent is the comment replied to, if any)
comment_posted = Signal()
