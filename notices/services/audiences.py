"""Who an audience spec names, resolved in the database by the fan-out task."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import User

from ideas.models import Department, Follow, Idea, Vote
from notices.models import DEFAULT_CHANNELS, Delivery, Preference


def audience_resolve(audience: Sequence[dict[str, Any]]) -> set[int]:
    """Recipient ids for specs: {"idea": id} (author, voters, followers), {"users": [ids]},
    {"group": name}, {"department": id} (its staff group), {"subscribers": kind}."""
    ids: set[int] = set()
    for spec in audience:
        if "idea" in spec:
            idea_id = int(spec["idea"])
            ids.update(Idea.objects.filter(pk=idea_id).values_list("author_id", flat=True))
            ids.update(Vote.objects.filter(idea_id=idea_id).values_list("voter_id", flat=True).iterator(5000))
            ids.update(Follow.objects.filter(idea_id=idea_id).values_list("user_id", flat=True).iterator(5000))
        elif "users" in spec:
            ids.update(int(pk) for pk in spec["users"] if pk is not None)
        elif "group" in spec:
            ids.update(User.objects.filter(groups__name=spec["group"]).values_list("pk", flat=True))
        elif "department" in spec:
            group_id = Department.objects.filter(pk=spec["department"]).values_list("group_id", flat=True).first()
            if group_id:
                ids.update(User.objects.filter(groups=group_id).values_list("pk", flat=True))
        elif "subscribers" in spec:
            kind = spec["subscribers"]
            subscribed = Preference.objects.filter(kind=kind).exclude(channel=Delivery.OFF)
            ids.update(subscribed.values_list("user_id", flat=True).iterator(5000))
            if DEFAULT_CHANNELS[kind] != Delivery.OFF:
                raise ValueError("subscriber audiences are for opt-in kinds")
        else:
            raise ValueError(f"unknown audience spec {spec!r}")
    return ids
