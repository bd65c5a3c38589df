"""Notification centre pages: the list, mark read, preferences, the signed unsubscribe link."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from core.language import user_language
from core.roles import GROUP_CITIZENS
from notices import services
from notices.forms import PreferencesForm
from notices.models import STAFF_KINDS, Kind, Notification


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """The reader's notifications, each rendered now in the page's (the reader's) language."""
    paginator = Paginator(services.notifications_for(request.user), settings.OASIS_NOTICES_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    items = [(n, services.notification_text(kind=n.kind, data=n.data)) for n in page_obj.object_list]
    return render(
        request,
        "notices/notification_list.html",
        {"page_obj": page_obj, "items": items, "unread": services.unread_count(request.user)},
    )


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification's link; opening it marks it read."""
    try:
        notification = services.notification_mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    url = notification.url
    if not url or not url_has_allowed_host_and_scheme(url, {request.get_host()}):
        return redirect("notices:notification-list")
    return redirect(url)


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.notification_mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    return redirect(_safe_next(request, "notices:notification-list"))


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect(_safe_next(request, "notices:notification-list"))


def _kinds_for(user) -> list[str]:
    is_staff = user.is_staff or user.groups.exclude(name=GROUP_CITIZENS).exists()
    return [kind for kind in Kind.values if is_staff or kind not in STAFF_KINDS]


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    kinds = _kinds_for(request.user)
    current = services.preferences_for(request.user)
    initial = {f"kind_{kind}": current[kind] for kind in kinds}
    initial["daily_digest"] = services.daily_digest_for(request.user)
    if request.method == "POST":
        form = PreferencesForm(request.POST, kinds=kinds)
        if form.is_valid():
            for kind, channel in form.channels().items():
                if channel != current[kind]:
                    services.preference_set(user=request.user, kind=kind, channel=channel)
            services.delivery_set(user=request.user, daily_digest=form.cleaned_data["daily_digest"])
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notices:preferences")
        status = 400
    else:
        form = PreferencesForm(initial=initial, kinds=kinds)
        status = 200
    return render(request, "notices/preferences.html", {"form": form}, status=status)


@csrf_exempt  # mail clients' one-click unsubscribe (RFC 8058) POSTs without a session or token
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Works signed out: the signed token names the user and the kind of e-mail.

    The page answers in the language of the e-mail that linked to it: its recipient's.
    """
    try:
        user, kind = services.unsubscribe_apply(token=token)
    except ValidationError as exc:
        return render(request, "notices/unsubscribe_invalid.html", {"error": exc.messages[0]}, status=400)
    language = user_language(user)
    with translation.override(language):
        label = _("all e-mails from Oasis") if kind == services.ALL_KINDS else Kind(kind).label
        response = render(
            request, "notices/unsubscribed.html", {"label": label, "campaign_news": kind == Kind.CAMPAIGN_OPENED}
        )
    response.headers["Content-Language"] = language
    return response
