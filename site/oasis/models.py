"""Site-wide Wagtail pages: the home page and plain content pages."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail_localize.fields import SynchronizedField

from ideas import selectors


class HomePage(Page):
    intro = models.CharField(_("intro"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    max_count = 1
    # Like every page's; the home page's own slug is in no address (its translation gets a free one).
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """The page at this path in the reader's language if it has one, else in its original's.

        The language is not in the URL, so a page and its translations share one address.
        Wagtail starts here from the home page in the active language when that is live
        (`site.root_page.localized`). A page not translated yet, or whose translation is still a
        draft, is missing from that language's tree; the path is then looked up in the other
        languages' trees, the original's first, so the reader gets the original instead of a 404.
        """
        active = Locale.get_active()
        if self.locale_id == active.pk:
            try:
                return super().route(request, path_components)
            except Http404:
                pass
        homes = HomePage.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk)
        if self.locale_id != active.pk:
            homes = [*homes, self]
        for home in sorted(homes, key=lambda h: (h.locale_id != active.pk, h.pk)):
            try:
                return super(HomePage, home).route(request, path_components)
            except Http404:
                continue
        raise Http404

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campaigns"] = selectors.campaigns_open()
        context["popular_ideas"] = selectors.ideas_for_list(sort="votes")[:6]
        context["recent_verdicts"] = selectors.ideas_recently_decided()[:6]
        return context


class StandardPage(Page):
    body = RichTextField(_("body"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("body")]
    # A translation keeps the original's slug: the language is not in the URL, so both share one address.
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

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
