"""Web forms for ideas. They only shape input; the rules live in ideas.services."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ideas.models import CampaignPage, Channel, IdeaStatus
from ideas.selectors import SORTS
from ideas.validation import COMMENT_MAX_LENGTH, images_limit_message, validate_image


def split_tags(value: str) -> list[str]:
    return [t.strip() for t in (value or "").split(",") if t.strip()]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Zero to OASIS_MAX_IMAGES_PER_IDEA images, each checked by ideas.validation.validate_image."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > settings.OASIS_MAX_IMAGES_PER_IDEA:
            raise ValidationError(images_limit_message(), code="too_many_images")
        errors = []
        for upload in files:
            try:
                validate_image(upload)
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return files


class IdeaTextForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("At least 5 characters."))
    body = forms.CharField(
        label=_("Description"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What is the problem, and what would you change? At least 20 characters."),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=600,
        help_text=_("Optional, separated by commas, e.g. parks, cycling."),
    )

    def cleaned_tags(self) -> list[str]:
        return split_tags(self.cleaned_data.get("tags", ""))


class IdeaSubmitForm(IdeaTextForm):
    images = MultipleImageField(
        label=_("Images"),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form, in the reader's language, from the limits the checks enforce.
        limit = settings.OASIS_MAX_IMAGES_PER_IDEA
        self.fields["images"].help_text = ngettext(
            "Optional: up to %(n)s image (JPEG, PNG, GIF or WebP) of at most %(size)s.",
            "Optional: up to %(n)s images (JPEG, PNG, GIF or WebP), at most %(size)s each.",
            limit,
        ) % {"n": number_format(limit, force_grouping=True), "size": filesizeformat(settings.OASIS_MAX_IMAGE_BYTES)}


class IdeaEditForm(IdeaTextForm):
    pass


class StaffEntryForm(IdeaTextForm):
    citizen = forms.CharField(
        label=_("Citizen"), max_length=254, help_text=_("The citizen's user name or e-mail address.")
    )
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=CampaignPage.objects.none())
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[(c.value, c.label) for c in (Channel.PHONE, Channel.VISIT, Channel.SNS)],
        help_text=_("How the citizen brought the idea to us."),
    )

    field_order = ["citizen", "campaign", "channel", "title", "body", "tags"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = CampaignPage.objects.live().canonical().order_by("-is_general", "title")

    def clean_citizen(self) -> User:
        value = self.cleaned_data["citizen"].strip()
        users = list(User.objects.filter(Q(username__iexact=value) | Q(email__iexact=value), is_active=True)[:2])
        if not users:
            raise ValidationError(_("No active citizen has that user name or e-mail address."))
        if len(users) > 1:
            raise ValidationError(_("More than one account matches; use the user name."))
        return users[0]


class IdeaListFilterForm(forms.Form):
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("newest", _("Newest")), ("votes", _("Most votes")), ("trending", _("Trending"))],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status"))] + list(IdeaStatus.choices)
    )
    tag = forms.CharField(label=_("Tag"), required=False, max_length=50)

    def values(self) -> dict[str, str]:
        if not self.is_valid():
            return {"sort": "newest", "status": "", "tag": ""}
        sort = self.cleaned_data.get("sort") or "newest"
        return {
            "sort": sort if sort in SORTS else "newest",
            "status": self.cleaned_data.get("status") or "",
            "tag": (self.cleaned_data.get("tag") or "").strip().lower(),
        }


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("What is wrong?"), max_length=1_000, widget=forms.Textarea(attrs={"rows": 2}))
    comment = forms.IntegerField(required=False, widget=forms.HiddenInput)
