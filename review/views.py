"""The review's own pages: an idea's reviews, its implementation status, and the citizens'
answer actions. The staff inbox and task pages are the workflow's (workflows/views.py).

Thin: forms parse, `review.services` decides and writes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ideas.models import Idea
from review import selectors
from review import services as review_services
from review.forms import AdditionalAnswerForm, ImplementationForm, RatingForm, apply_errors
from review.models import RUBRIC, Decision, Panel, Review

# ---------------------------------------------------------------------------
# reviews, implementation, citizens' answer actions


@login_required
def idea_reviews(request: HttpRequest, pk: int) -> HttpResponse:
    idea = get_object_or_404(Idea.objects.select_related("campaign", "department"), pk=pk)
    if not request.user.has_perm("review.see_reviews", idea):
        raise PermissionDenied
    visible = selectors.reviews_visible_to(idea=idea, user=request.user)
    own = Review.objects.filter(idea=idea, expert__user=request.user).first()
    scores = selectors.panel_scores(idea) if visible else {}
    panels = [
        {"panel": panel, "reviews": [r for r in visible if r.panel_id == panel.pk], "scores": scores.get(panel.kind)}
        for panel in Panel.objects.all()
    ]
    return render(
        request,
        "review/idea_reviews.html",
        {
            **selectors.idea_summary(idea),
            "panels": panels,
            "own": own,
            "locked": not visible and own is not None,
            "scores": bool(scores),
            "rubric": RUBRIC,
        },
    )


@login_required
def implementation_update(request: HttpRequest, pk: int) -> HttpResponse:
    idea = get_object_or_404(Idea.objects.select_related("campaign", "department"), pk=pk)
    if not request.user.has_perm("review.update_implementation", idea):
        raise PermissionDenied
    decision = Decision.objects.filter(idea=idea, published_at__isnull=False).first()
    if decision is None:
        raise Http404(_("This idea has no published verdict."))
    form = ImplementationForm(
        request.POST or None,
        initial={"status": decision.implementation_status, "notes": decision.implementation_notes},
    )
    if request.method == "POST" and form.is_valid():
        try:
            review_services.implementation_update(
                idea=idea, user=request.user, status=form.cleaned_data["status"], notes=form.cleaned_data["notes"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The implementation status has been updated."))
            return redirect(idea.get_absolute_url())
    return render(
        request, "review/implementation_form.html", {**selectors.idea_summary(idea), "form": form, "decision": decision}
    )


def _answerable_idea(pk: int) -> Idea:
    idea = get_object_or_404(Idea.objects.select_related("campaign", "department"), pk=pk)
    if not idea.is_public:
        raise Http404(_("No such idea."))
    return idea


def _form_errors_text(form) -> str:
    return " ".join(str(m) for errors in form.errors.values() for m in errors)


@login_required
@require_POST
def answer_rate(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _answerable_idea(pk)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a rating from 1 to 5."))
        return redirect(idea.get_absolute_url() + "#answer")
    try:
        review_services.answer_rate(idea=idea, user=request.user, score=form.cleaned_data["score"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Thank you for rating the answer."))
    return redirect(idea.get_absolute_url() + "#answer")


@login_required
@require_POST
def answer_request(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _answerable_idea(pk)
    form = AdditionalAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors_text(form))
        return redirect(idea.get_absolute_url() + "#answer")
    try:
        review_services.answer_request_additional(idea=idea, user=request.user, question=form.cleaned_data["question"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your question has been sent to the department."))
    return redirect(idea.get_absolute_url() + "#answer")
