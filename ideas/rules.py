"""Domain permissions on ideas, votes and comments (django-rules).

Groups are the roles of design.md: citizens, moderators, coordinators, editors,
internal-experts, external-experts and one group per department.
"""

import rules

from core.roles import GROUP_COORDINATORS, GROUP_MODERATORS


@rules.predicate
def is_idea_author(user, idea) -> bool:
    return idea is not None and idea.author_id == user.pk


@rules.predicate
def idea_is_open(user, idea) -> bool:
    return idea is not None and idea.status == "open"


@rules.predicate
def idea_is_public(user, idea) -> bool:
    return idea is not None and idea.is_public


is_moderator = rules.is_group_member(GROUP_MODERATORS) | rules.is_superuser
is_coordinator = rules.is_group_member(GROUP_COORDINATORS) | rules.is_superuser
# Staff who take ideas from other channels (phone, visit, SNS) on a citizen's behalf.
can_enter_for_citizen = (
    rules.is_group_member(GROUP_COORDINATORS) | rules.is_group_member(GROUP_MODERATORS) | rules.is_superuser
)

# Who may see an idea: everyone while it is public (`Idea.is_public`), moderators always.
# A withdrawn idea is gone for its author too, on the web as in the API.
rules.add_perm("ideas.view_idea", idea_is_public | is_moderator)
rules.add_perm("ideas.edit_idea", rules.is_authenticated & is_idea_author & idea_is_open)
rules.add_perm("ideas.withdraw_idea", rules.is_authenticated & is_idea_author & idea_is_open)
rules.add_perm("ideas.vote_idea", rules.is_authenticated & ~is_idea_author)
rules.add_perm("ideas.moderate", rules.is_authenticated & is_moderator)
rules.add_perm("ideas.enter_for_citizen", rules.is_authenticated & can_enter_for_citizen)
rules.add_perm("ideas.see_selected", rules.is_authenticated & (is_coordinator | is_moderator))
