"""Wagtail admin for ideas: departments are editable snippets; ideas, comments and reports are
read-only listings (filters, search, inspect). Their state changes only through ideas.services
(the public site's moderation forms, the review workflow), so the admin cannot bypass the timeline.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ideas.models import Comment, Department, Idea, Report


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Only viewing: no add, change or delete from the admin, even for superusers."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class ReadOnlySnippetViewSet(SnippetViewSet):
    inspect_view_enabled = True
    search_backend_name = None  # plain database filtering on search_fields


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    list_display = ["name", "slug", "group"]
    search_fields = ["name", "slug"]
    search_backend_name = None


class IdeaViewSet(ReadOnlySnippetViewSet):
    model = Idea
    icon = "pick"
    menu_label = _("Ideas")
    list_display = ["title", "status", "campaign", "channel", "hidden", "created_at"]
    list_filter = ["status", "campaign", "hidden", "channel"]
    search_fields = ["title"]
    inspect_view_fields = [
        "title",
        "body",
        "status",
        "campaign",
        "department",
        "author",
        "channel",
        "entered_by",
        "hidden",
        "hidden_reason",
        "vote_count",
        "selected_at",
        "created_at",
    ]


class CommentViewSet(ReadOnlySnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Comments")
    list_display = ["body", "idea", "author", "hidden", "created_at"]
    list_filter = ["hidden"]
    search_fields = ["body"]


class ReportViewSet(ReadOnlySnippetViewSet):
    model = Report
    icon = "warning"
    menu_label = _("Reports")
    list_display = ["reason", "idea", "comment", "reporter", "created_at", "resolved_at"]
    list_filter = {"resolved_at": ["isnull"]}
    search_fields = ["reason"]


class IdeasGroup(SnippetViewSetGroup):
    menu_label = _("Ideas")
    menu_icon = "pick"
    menu_order = 200
    items = (IdeaViewSet, CommentViewSet, ReportViewSet, DepartmentViewSet)


for _model in (Idea, Comment, Report):
    register_permission_policy(_model, ReadOnlyPermissionPolicy(_model))

register_snippet(IdeasGroup)
