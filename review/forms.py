"""Forms of the review pages. They only parse input; the services validate the rules."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from review.budget import budget_parse
from review.models import RUBRIC, Expert, Ground, ImplementationStatus, Outcome, Recommendation

SCORE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where the form has the field."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, messages in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)


def expert_label(obj: Expert) -> str:
    tags = ", ".join(sorted(obj.expertise.names()))
    load = getattr(obj, "open_load", None)
    parts = [obj.user.get_full_name() or obj.user.get_username()]
    if obj.affiliation:
        parts.append(obj.affiliation)
    if tags:
        parts.append(gettext("expertise: %(tags)s") % {"tags": tags})
    if load is not None:
        parts.append(ngettext("%(n)d open review", "%(n)d open reviews", load) % {"n": load})
    return " — ".join(str(p) for p in parts)


class ExpertChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Expert) -> str:
        return expert_label(obj)


class ExpertSingleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Expert) -> str:
        return expert_label(obj)


def _score_field(label) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=SCORE_CHOICES, widget=forms.RadioSelect, help_text=_("1 = poor, 5 = excellent")
    )


class ReviewForm(forms.Form):
    opinion = forms.CharField(label=_("Written opinion"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10_000)
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=Recommendation.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scores = {name: _score_field(label) for name, label in RUBRIC}
        self.fields = {**scores, **self.fields}


class RecuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you recuse yourself?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Seen by the coordinators only."),
    )


class ReplaceForm(forms.Form):
    replacement = ExpertSingleChoiceField(
        label=_("Replacement reviewer"), queryset=Expert.objects.none(), widget=forms.RadioSelect
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["replacement"].queryset = candidates


class BudgetField(forms.CharField):
    """An amount of won as people type it ("120,000,000", "₩120,000,000", "120000000"); empty is none."""

    def to_python(self, value):
        return budget_parse(super().to_python(value))


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect)
    reasoning_necessity = forms.CharField(
        label=_("Reasoning: necessity"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    reasoning_effectiveness = forms.CharField(
        label=_("Reasoning: effectiveness"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    reasoning_feasibility = forms.CharField(
        label=_("Reasoning: feasibility"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    budget = BudgetField(
        label=_("Required budget (amount)"),
        required=False,
        help_text=_("In won, for example ₩120,000,000. Leave it empty if the idea needs no budget or is not adopted."),
    )
    grounds = forms.MultipleChoiceField(
        label=_("Grounds for not adopting"), choices=Ground.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    grounds_explanation = forms.CharField(
        label=_("Explanation of the grounds"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Additional answer"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)


class ImplementationForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Implementation status"), choices=ImplementationStatus.choices, widget=forms.RadioSelect
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000)


class RatingForm(forms.Form):
    score = forms.ChoiceField(label=_("Your rating of this answer"), choices=SCORE_CHOICES, widget=forms.RadioSelect)


class AdditionalAnswerForm(forms.Form):
    question = forms.CharField(
        label=_("What should the department answer in addition?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
