"""Staff pages and actions on ideas: moderation (hide, restore) and intake from other channels.

Same shape as ideas/views.py, whose action helpers they share.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ideas import moderation, selectors, services
from ideas.forms import StaffEntryForm
from ideas.models import Comment, Idea
from ideas.views import add_service_errors, back_to_idea, error_text, idea_action, run_action


@idea_action
def hide(request: HttpRequest, idea: Idea) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return run_action(
        request,
        idea,
        lambda: moderation.idea_hide(idea=idea, moderator=request.user, reason=reason),
        _("The idea is hidden from the public."),
    )


@idea_action
def restore(request: HttpRequest, idea: Idea) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return run_action(
        request,
        idea,
        lambda: moderation.idea_restore(idea=idea, moderator=request.user, reason=reason),
        _("The idea is visible again."),
    )


def _comment_action(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int) -> HttpResponse:
        target = get_object_or_404(Comment.objects.select_related("idea__campaign"), pk=pk)
        if not request.user.is_authenticated:
            return redirect_to_login(target.idea.get_absolute_url())
        if request.method != "POST":
            return back_to_idea(request, target.idea)
        return view(request, target)

    return wrapper


@_comment_action
def comment_hide(request: HttpRequest, target: Comment) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return run_action(
        request,
        target.idea,
        lambda: moderation.comment_hide(comment=target, moderator=request.user, reason=reason),
        _("The comment is hidden from the public."),
    )


@_comment_action
def comment_restore(request: HttpRequest, target: Comment) -> HttpResponse:
    return run_action(
        request,
        target.idea,
        lambda: moderation.comment_restore(comment=target, moderator=request.user),
        _("The comment is visible again."),
    )


# ---------------------------------------------------------------------------
# staff pages


@login_required
def staff_entry(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("ideas.enter_for_citizen"):
        raise PermissionDenied(_("Only staff can enter ideas on a citizen's behalf."))
    form = StaffEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.idea_submit(
                campaign=form.cleaned_data["campaign"],
                author=form.cleaned_data["citizen"],
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                tags=form.cleaned_tags(),
                channel=form.cleaned_data["channel"],
                entered_by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(
                request, _("The idea was entered for %(user)s.") % {"user": form.cleaned_data["citizen"].username}
            )
            return redirect(idea.get_absolute_url())
    return render(request, "ideas/staff_entry.html", {"form": form})


@login_required
def staff_selected(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("ideas.see_selected"):
        raise PermissionDenied(_("Only coordinators and moderators can see this list."))
    page_obj = Paginator(selectors.ideas_selected_for_review(), 50).get_page(request.GET.get("page"))
    return render(request, "ideas/staff_selected.html", {"page_obj": page_obj, "ideas": page_obj.object_list})
