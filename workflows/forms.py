"""The screening form (its outcomes are the workflow's); the other task forms are review's."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ideas.models import Department, Idea
from review.forms import ExpertChoiceField
from review.models import Expert
from workflows.models import ScreeningOutcome


class ScreeningForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What happens with this idea?"), choices=ScreeningOutcome.choices, widget=forms.RadioSelect
    )
    department = forms.ModelChoiceField(
        label=_("Responsible department"), queryset=Department.objects.all(), required=False
    )
    internal_reviewers = ExpertChoiceField(
        label=_("Internal panel reviewers"),
        queryset=Expert.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    external_reviewers = ExpertChoiceField(
        label=_("External panel reviewers"),
        queryset=Expert.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    merge_target = forms.IntegerField(
        label=_("Earlier idea number (for a duplicate)"),
        required=False,
        min_value=1,
        help_text=_("The number shown in the earlier idea's address, e.g. 12 for …/ideas/12/."),
    )
    reason = forms.CharField(
        label=_("Public reason (for out of scope)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args, internal_qs=None, external_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if internal_qs is not None:
            self.fields["internal_reviewers"].queryset = internal_qs
        if external_qs is not None:
            self.fields["external_reviewers"].queryset = external_qs

    def clean_merge_target(self) -> Idea | None:
        number = self.cleaned_data.get("merge_target")
        if number is None:
            return None
        idea = Idea.objects.filter(pk=number).first()
        if idea is None:
            raise ValidationError(_("There is no idea number %(n)d.") % {"n": number})
        return idea
