from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from notices.models import Delivery, Kind


class PreferencesForm(forms.Form):
    """One choice per kind of event (in the app only / e-mail too / off), plus the digest."""

    daily_digest = forms.BooleanField(
        label=_("Send me one daily digest instead of one e-mail per event"),
        required=False,
    )

    def __init__(self, *args, kinds: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        for kind in kinds:
            self.fields[f"kind_{kind}"] = forms.ChoiceField(
                label=Kind(kind).label,
                choices=Delivery.choices,
                error_messages={"invalid_choice": _("Choose in the app only, e-mail too, or off.")},
            )

    def kind_fields(self):
        return [self[f"kind_{kind}"] for kind in self.kinds]

    def channels(self) -> dict[str, str]:
        return {kind: self.cleaned_data[f"kind_{kind}"] for kind in self.kinds}
