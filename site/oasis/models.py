"""Site-wide Wagtail pages: the home page and plain content pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from ideas import selectors


class HomePage(Page):
    intro = models.CharField(_("intro"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campaigns"] = selectors.campaigns_open()
        context["popular_ideas"] = selectors.ideas_for_list(sort="votes")[:6]
        context["recent_verdicts"] = selectors.ideas_recently_decided()[:6]
        return context


class StandardPage(Page):
    body = RichTextField(_("body"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("body")]

    class Meta:
        verbose_name = _("standard page")


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only a digest is stored; the key is shown once."""

    user = models.ForeignKey("auth.User", on_delete=models.CASCADE, related_name="oasis_api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.user} ({self.name or self.created_at:%Y-%m-%d})"
