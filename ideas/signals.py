"""Domain events of ideas. Other apps subscribe to them; ideas imports none of its consumers.

All but `idea_changed` are sent robustly after commit (`core.signals.send_on_commit`).
"""

from django.dispatch import Signal

# Sent once, after commit, when an idea crosses its campaign's threshold.
# kwargs: idea (ideas.models.Idea)
idea_selected_for_review = Signal()

# Sent after commit when a comment (or a reply) is published.
# kwargs: comment (ideas.models.Comment; comment.parent is the comment replied to, if any)
comment_posted = Signal()

# Sent INSIDE the transaction, with plain `send()`, whenever what the public sees of an idea
# changes (content, status, visibility, votes): the search outbox must be written in the same
# transaction as the change, so a receiver's failure rolls the change back with it.
# kwargs: idea_id (int), coalesce (bool: a vote-count change that may wait for a batched drain)
idea_changed = Signal()
