"""Each user's choices (a channel per kind, the daily digest) and the signed unsubscribe link."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, User
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from notices.models import DEFAULT_CHANNELS, Delivery, DeliverySettings, EmailMode, Kind, Notification, Preference
from notices.services.rendering import ALL_KINDS, UNSUBSCRIBE_SALT


def preferences_for(user: AbstractBaseUser) -> dict[str, str]:
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "channel"))
    return {kind: chosen.get(kind, DEFAULT_CHANNELS[kind]) for kind in Kind.values}


def preference_set(*, user: AbstractBaseUser, kind: str, channel: str) -> Preference:
    if kind not in Kind.values:
        raise ValidationError(_("Unknown kind of notification."), code="invalid")
    if channel not in Delivery.values:
        raise ValidationError(_("Choose in the app only, e-mail too, or off."), code="invalid")
    preference, _created = Preference.objects.update_or_create(user=user, kind=kind, defaults={"channel": channel})
    return preference


def daily_digest_for(user: AbstractBaseUser) -> bool:
    return DeliverySettings.objects.filter(user=user, daily_digest=True).exists()


def delivery_set(*, user: AbstractBaseUser, daily_digest: bool) -> DeliverySettings:
    settings_row, _created = DeliverySettings.objects.update_or_create(
        user=user, defaults={"daily_digest": bool(daily_digest)}
    )
    return settings_row


def unsubscribe_apply(*, token: str) -> tuple[User, str]:
    """Stop e-mails of one kind (or all: kind "*") for the user named by a signed token.

    Raises ValidationError (and changes nothing) if the token was not signed by us.
    Campaign news is a subscription, so unsubscribing from it turns it off entirely.
    """
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        user = User.objects.get(pk=int(payload["u"]))
        kind = str(payload["k"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, User.DoesNotExist):
        raise ValidationError(_("This unsubscribe link is not valid."), code="bad_token") from None
    if kind != ALL_KINDS and kind not in Kind.values:
        raise ValidationError(_("This unsubscribe link is not valid."), code="bad_token")
    kinds = Kind.values if kind == ALL_KINDS else [kind]
    current = preferences_for(user)
    with transaction.atomic():
        for k in kinds:
            if current[k] == Delivery.EMAIL or (k == Kind.CAMPAIGN_OPENED and current[k] != Delivery.OFF):
                preference_set(
                    user=user, kind=k, channel=Delivery.OFF if k == Kind.CAMPAIGN_OPENED else Delivery.IN_APP
                )
        # Nothing already queued for this user's e-mail goes out any more.
        pending = Notification.objects.filter(recipient=user, emailed=False).exclude(email_mode=EmailMode.NONE)
        if kind != ALL_KINDS:
            pending = pending.filter(kind=kind)
        pending.update(email_mode=EmailMode.NONE)
    return user, kind
