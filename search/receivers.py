"""What search learns from the apps below it, through their signals (they never import search)."""

from __future__ import annotations

from django.dispatch import receiver

from ideas.signals import idea_changed
from search.port import index_idea_later


@receiver(idea_changed, dispatch_uid="search.idea_changed")
def on_idea_changed(sender, idea_id: int, coalesce: bool = False, **kwargs) -> None:
    # Inside the changing transaction: the outbox row commits or rolls back with the change.
    index_idea_later(idea_id, coalesce=coalesce)
