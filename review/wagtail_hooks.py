"""Staff manage panels and experts in the Wagtail admin (Admin → Expert review)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from review.models import Expert, Panel


class PanelViewSet(ModelViewSet):
    model = Panel
    name = "review_panels"
    url_prefix = "review/panels"
    icon = "group"
    menu_label = _("Panels")
    form_fields = ["name", "description", "min_reviewers"]
    list_display = ["name", "kind", "min_reviewers"]
    add_to_admin_menu = False
    inspect_view_enabled = True


class ExpertViewSet(ModelViewSet):
    model = Expert
    name = "review_experts"
    url_prefix = "review/experts"
    icon = "user"
    menu_label = _("Experts")
    form_fields = ["user", "panel", "affiliation", "expertise", "is_active"]
    list_display = ["__str__", "panel", "affiliation", "is_active"]
    list_filter = ["panel", "is_active"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "affiliation"]
    inspect_view_enabled = True


class ExpertReviewViewSetGroup(ModelViewSetGroup):
    menu_label = _("Expert review")
    menu_icon = "group"
    items = (PanelViewSet, ExpertViewSet)


@hooks.register("register_admin_viewset")
def register_expert_review_viewsets():
    return ExpertReviewViewSetGroup()
