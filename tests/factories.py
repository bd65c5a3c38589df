"""factory_boy factories shared by every suite."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core.roles import GROUP_CITIZENS
from ideas.demo import page_translate
from ideas.models import CampaignIndexPage, CampaignPage, Comment, Department, Idea, Vote
from notices.models import Delivery, DeliverySettings, Kind, Notification, Preference

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"citizen{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        names = extracted if extracted is not None else [GROUP_CITIZENS]
        self.save()
        for name in names:
            self.groups.add(Group.objects.get_or_create(name=name)[0])


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Department {n}")
    slug = factory.Sequence(lambda n: f"department-{n}")
    group = factory.LazyAttribute(lambda d: Group.objects.get_or_create(name=d.name)[0])


def make_campaign(
    *,
    title: str = "Cleaner air",
    department: Department | None = None,
    opens_at=None,
    closes_at=None,
    vote_threshold: int | None = None,
    slug: str | None = None,
) -> CampaignPage:
    """Publish a theme campaign under the campaign index (Wagtail pages need the tree API)."""
    index = CampaignIndexPage.objects.order_by("pk").first()  # the original, not a translation
    now = timezone.now()
    page = CampaignPage(
        title=title,
        slug=slug or f"c-{CampaignPage.objects.count() + 1}-{abs(hash(title)) % 10_000}",
        department=department or DepartmentFactory(),
        opens_at=opens_at or now - timedelta(days=1),
        closes_at=closes_at if closes_at is not None else now + timedelta(days=30),
        vote_threshold=vote_threshold,
        summary=f"Summary of {title}",
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return CampaignPage.objects.get(pk=page.pk)


def general_campaign() -> CampaignPage:
    return CampaignPage.objects.canonical().get(is_general=True)


def translate_page(page, strings: dict[str, str] | None = None, *, publish: bool = True):
    """`page` translated into Korean as an editor does with wagtail-localize (`ideas.demo.page_translate`):
    `strings` maps the page's English strings to Korean; the others show the English text.

    wagtail-localize publishes a translation when the transaction commits, which a test's never
    does: it is published here instead (or left a draft).
    """
    translation, _created = page_translate(page, language="ko", strings=strings or {})
    translation = type(translation).objects.get(pk=translation.pk)
    if publish and not translation.live:
        translation.get_latest_revision().publish()
        translation = type(translation).objects.get(pk=translation.pk)
    return translation


class IdeaFactory(factory.django.DjangoModelFactory):
    """Rows only; tests of submission go through ideas.services.idea_submit."""

    class Meta:
        model = Idea

    campaign = factory.LazyFunction(general_campaign)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Idea number {n} for the city")
    body = "A description long enough to pass validation, with some details."


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    idea = factory.SubFactory(IdeaFactory)
    voter = factory.SubFactory(UserFactory)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    idea = factory.SubFactory(IdeaFactory)
    author = factory.SubFactory(UserFactory)
    body = "I agree, this would help."


# --- notices ---


class NotificationFactory(factory.django.DjangoModelFactory):
    """A feed row as a fan-out writes it, about an idea (actor and target), not e-mailed.

    Tests of delivery go through notices.services (notifications_fan_out, notifications_schedule).
    """

    class Meta:
        model = Notification
        exclude = ("idea",)

    idea = factory.SubFactory(IdeaFactory)
    recipient = factory.SubFactory(UserFactory)
    kind = Kind.COMMENT_POSTED
    verb = factory.SelfAttribute("kind")
    event_key = factory.Sequence(lambda n: f"event:{n}")
    actor_content_type = factory.LazyAttribute(lambda n: ContentType.objects.get_for_model(n.idea))
    actor_object_id = factory.LazyAttribute(lambda n: str(n.idea.pk))
    target_content_type = factory.SelfAttribute("actor_content_type")
    target_object_id = factory.SelfAttribute("actor_object_id")
    data = factory.LazyAttribute(lambda n: {"title": n.idea.title, "url": n.idea.get_absolute_url()})


class PreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Preference
        django_get_or_create = ("user", "kind")

    user = factory.SubFactory(UserFactory)
    kind = Kind.COMMENT_POSTED
    channel = Delivery.OFF


class DeliverySettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliverySettings
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    daily_digest = True


# --- review ---
# Models named by label: the section needs no import of its own.


class PanelFactory(factory.django.DjangoModelFactory):
    """One of the two panels the migrations create; `PanelFactory(kind="external")` for the other."""

    class Meta:
        model = "review.Panel"
        django_get_or_create = ("kind",)

    kind = "internal"
    name = factory.LazyAttribute(lambda p: f"{p.kind.title()} panel")


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "review.Expert"

    user = factory.SubFactory(UserFactory)
    panel = factory.SubFactory(PanelFactory)
    affiliation = "Seoul Institute"


class ReviewFactory(factory.django.DjangoModelFactory):
    """An assigned (open) review; pass status, scores and submitted_at for a submitted one."""

    class Meta:
        model = "review.Review"

    idea = factory.SubFactory(IdeaFactory, status="in_review", selected_at=factory.LazyFunction(timezone.now))
    expert = factory.SubFactory(ExpertFactory)
    panel = factory.SelfAttribute("expert.panel")
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


class DecisionFactory(factory.django.DjangoModelFactory):
    """An adopted, unpublished decision; pass published_at to publish it."""

    class Meta:
        model = "review.Decision"

    idea = factory.SubFactory(IdeaFactory, status="in_review", selected_at=factory.LazyFunction(timezone.now))
    department = factory.SubFactory(DepartmentFactory)
    outcome = "adopted"
    reasoning_necessity = "Many residents asked for this over the years."
    reasoning_effectiveness = "It solves the problem where it occurs."
    reasoning_feasibility = "The parks office can do it within a season."
    budget = 0


class AnswerRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "review.AnswerRating"

    idea = factory.SubFactory(IdeaFactory)
    user = factory.SubFactory(UserFactory)
    score = 4


class AdditionalAnswerRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "review.AdditionalAnswerRequest"

    idea = factory.SubFactory(IdeaFactory)
    requester = factory.SubFactory(UserFactory)
    question = "When will the work start in my district?"
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
