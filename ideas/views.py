"""Web pages and actions on ideas. Thin: they shape input, call services, render.

Pages work without JavaScript. Actions are POST forms that redirect back with a
message; the vote actions also answer JSON when asked (`Accept: application/json`),
which static/js/oasis.js uses to update the count in place.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ideas import moderation, selectors, services, validation, voting
from ideas.forms import (
    CommentForm,
    IdeaEditForm,
    IdeaListFilterForm,
    IdeaSubmitForm,
    ReportForm,
)
from ideas.models import CampaignPage, Comment, Follow, Idea, IdeaStatus, Vote

# ---------------------------------------------------------------------------
# helpers (ideas/staff_views.py uses them too)


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("You are not allowed to do that.")


def back_to_idea(request: HttpRequest, idea: Idea) -> HttpResponse:
    """Back to the idea page, or to its campaign if this user may not see the idea."""
    if request.user.has_perm("ideas.view_idea", idea):
        return redirect(idea.get_absolute_url())
    return redirect(idea.campaign.url)


def add_service_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        form.add_error(None, exc)


def idea_action(view: Callable) -> Callable:
    """POST-only action on an idea: sign-in required; GET just goes back to the idea page."""

    @wraps(view)
    def wrapper(request: HttpRequest, pk: int) -> HttpResponse:
        idea = get_object_or_404(Idea.objects.select_related("campaign"), pk=pk)
        if not request.user.is_authenticated:
            if _wants_json(request):
                return JsonResponse({"error": _("Sign in first.")}, status=401)
            return redirect_to_login(idea.get_absolute_url())
        if request.method != "POST":
            return back_to_idea(request, idea)
        return view(request, idea)

    return wrapper


# ---------------------------------------------------------------------------
# pages served under a campaign (called by CampaignPage's routes)


def campaign_detail(request: HttpRequest, *, campaign: CampaignPage) -> HttpResponse:
    filters = IdeaListFilterForm(request.GET or None)
    values = filters.values()
    ideas = selectors.ideas_for_list(
        campaign=campaign, sort=values["sort"], status=values["status"] or None, tag=values["tag"] or None
    ).prefetch_related("tags")
    page_obj = Paginator(ideas, settings.OASIS_IDEAS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "ideas/campaign_page.html",
        {
            "page": campaign,
            "self": campaign,
            "campaign": campaign,
            "filters": filters,
            "current": values,
            "page_obj": page_obj,
            "ideas": page_obj.object_list,
        },
    )


def idea_submit(request: HttpRequest, *, campaign: CampaignPage) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    context = {"page": campaign, "self": campaign, "campaign": campaign}
    if not campaign.is_open:
        context["closed"] = True
        return render(request, "ideas/idea_submit.html", context)
    form = IdeaSubmitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.idea_submit(
                campaign=campaign,
                author=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                tags=form.cleaned_tags(),
                images=form.cleaned_data["images"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("Thank you! Your idea is published and open for votes."))
            return redirect(idea.get_absolute_url())
    context["form"] = form
    return render(request, "ideas/idea_submit.html", context)


def _vote_state(request: HttpRequest, idea: Idea) -> dict:
    user = request.user
    voting_open = idea.is_votable and idea.campaign.is_open
    if idea.status not in IdeaStatus.VOTABLE:
        closed_reason = _("Voting has ended for this idea.")
    elif not idea.campaign.is_open:
        closed_reason = _("The campaign is closed, so voting has ended.")
    elif idea.hidden:
        closed_reason = _("This idea is hidden, so it cannot receive votes.")
    else:
        closed_reason = ""
    return {
        "open": voting_open,
        "closed_reason": closed_reason,
        "is_author": user.is_authenticated and idea.author_id == user.pk,
        "voted": selectors.user_has_voted(idea, user),
    }


def idea_detail(request: HttpRequest, *, campaign: CampaignPage, idea_id: int) -> HttpResponse:
    idea = selectors.idea_for_detail(idea_id=idea_id)
    if idea is None or not request.user.has_perm("ideas.view_idea", idea):
        raise Http404(_("No such idea."))
    if idea.campaign_id != campaign.canonical.pk:  # ideas belong to the original page; translations share its URL
        return redirect(idea.get_absolute_url())
    user = request.user
    can_moderate = user.has_perm("ideas.moderate")
    images = list(idea.images.all())  # each with its `alt`
    timeline = []
    for event in idea.timeline.all():
        timeline.append(
            {
                "when": event.created_at,
                "what": event.get_kind_display(),
                "from": IdeaStatus(event.from_status).label if event.from_status in IdeaStatus.values else "",
                "to": IdeaStatus(event.to_status).label if event.to_status in IdeaStatus.values else "",
                "office": event.office_label,
                "wording": event.wording_text,
                "note": event.note,
            }
        )
    context = {
        "page": campaign,
        "self": campaign,
        "campaign": campaign,
        "idea": idea,
        "images": images,
        "timeline": timeline,
        "comments": selectors.idea_comments(idea, include_hidden=can_moderate),
        "vote": _vote_state(request, idea),
        "is_following": user.is_authenticated and Follow.objects.filter(idea=idea, user=user).exists(),
        "can_edit": user.has_perm("ideas.edit_idea", idea),
        "can_withdraw": user.has_perm("ideas.withdraw_idea", idea),
        "can_moderate": can_moderate,
        "can_interact": idea.is_public,
        "comment_form": CommentForm(),
        "report_form": ReportForm(),
    }
    return render(request, "ideas/idea_detail.html", context)


# ---------------------------------------------------------------------------
# actions on ideas (ideas/urls.py)


def votes_label(count: int) -> str:
    """The word after a vote count ("1 vote", "2 votes"), the same in the vote box and its JSON."""
    return ngettext("vote", "votes", count)


def _vote_json(idea: Idea, user, status: int = 200, error: str = "") -> JsonResponse:
    votes = Vote.objects.filter(idea=idea).count()
    data = {
        "votes": votes,
        # Ready to show, in the reader's language: the enhanced vote box needs no plural rules of its own.
        "votes_display": number_format(votes, force_grouping=True),
        "votes_label": votes_label(votes),
        "voted": selectors.user_has_voted(idea, user),
    }
    if error:
        data["error"] = error
    return JsonResponse(data, status=status)


def _vote_action(request: HttpRequest, idea: Idea, change: Callable[[], bool], success: str) -> HttpResponse:
    """Shared by vote and unvote: JSON for the enhanced button, a message and redirect otherwise."""
    try:
        changed = change()
    except (ValidationError, PermissionDenied) as exc:
        if _wants_json(request):
            status = 403 if isinstance(exc, PermissionDenied) else 400
            return _vote_json(idea, request.user, status=status, error=error_text(exc))
        messages.error(request, error_text(exc))
        return back_to_idea(request, idea)
    if _wants_json(request):
        return _vote_json(idea, request.user)
    if changed:
        messages.success(request, success)
    return back_to_idea(request, idea)


@idea_action
def vote(request: HttpRequest, idea: Idea) -> HttpResponse:
    return _vote_action(
        request, idea, lambda: voting.vote_cast(idea=idea, voter=request.user)[1], _("Thank you for your vote.")
    )


@idea_action
def unvote(request: HttpRequest, idea: Idea) -> HttpResponse:
    return _vote_action(
        request, idea, lambda: voting.vote_withdraw(idea=idea, voter=request.user), _("Your vote was taken back.")
    )


def run_action(request: HttpRequest, idea: Idea, action: Callable[[], object], success: str) -> HttpResponse:
    try:
        action()
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, success)
    return back_to_idea(request, idea)


@idea_action
def follow(request: HttpRequest, idea: Idea) -> HttpResponse:
    return run_action(
        request,
        idea,
        lambda: services.follow_set(idea=idea, user=request.user, following=True),
        _("You now follow this idea and will be told about changes."),
    )


@idea_action
def unfollow(request: HttpRequest, idea: Idea) -> HttpResponse:
    return run_action(
        request,
        idea,
        lambda: services.follow_set(idea=idea, user=request.user, following=False),
        _("You no longer follow this idea."),
    )


def _comment_of(idea: Idea, comment_id) -> Comment | None:
    if not comment_id:
        return None
    comment = Comment.objects.filter(pk=comment_id, idea=idea).first()
    if comment is None:
        raise ValidationError(_("That comment does not belong to this idea."))
    return comment


@idea_action
def comment(request: HttpRequest, idea: Idea) -> HttpResponse:
    form = CommentForm(request.POST)

    def create():
        if not form.is_valid():
            raise ValidationError(
                _("Write a comment of at most %(n)s characters before posting.")
                % {"n": number_format(validation.COMMENT_MAX_LENGTH, force_grouping=True)}
            )
        services.comment_create(
            idea=idea,
            author=request.user,
            body=form.cleaned_data["body"],
            parent=_comment_of(idea, form.cleaned_data.get("parent")),
        )

    return run_action(request, idea, create, _("Your comment is published."))


@idea_action
def report(request: HttpRequest, idea: Idea) -> HttpResponse:
    form = ReportForm(request.POST)

    def create():
        if not form.is_valid():
            raise ValidationError(_("Tell the moderators briefly what is wrong (at least 5 characters)."))
        moderation.report_create(
            reporter=request.user,
            idea=idea,
            reason=form.cleaned_data["reason"],
            comment=_comment_of(idea, form.cleaned_data.get("comment")),
        )

    return run_action(request, idea, create, _("Thank you. The moderators will look at your report."))


@idea_action
def withdraw(request: HttpRequest, idea: Idea) -> HttpResponse:
    return run_action(
        request,
        idea,
        lambda: services.idea_withdraw(idea=idea, user=request.user),
        _("Your idea was withdrawn."),
    )


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    idea = get_object_or_404(Idea.objects.select_related("campaign"), pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("ideas.edit_idea", idea):
        messages.error(request, _("Only the author can edit an idea, and only while it is open for votes."))
        return back_to_idea(request, idea)
    initial = {"title": idea.title, "body": idea.body, "tags": ", ".join(t.name for t in idea.tags.all())}
    form = IdeaEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_update(
                idea=idea,
                user=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                tags=form.cleaned_tags(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            messages.error(request, error_text(exc))
            return back_to_idea(request, idea)
        else:
            messages.success(request, _("Your changes are saved."))
            return back_to_idea(request, idea)
    return render(request, "ideas/idea_edit.html", {"idea": idea, "form": form, "campaign": idea.campaign})
