"""Submitting an idea: validation, campaign dates, images and tags."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from ideas.models import Channel, Follow, Idea, IdeaImage, IdeaStatus, TimelineEvent
from ideas.services import idea_submit
from tests.factories import UserFactory, make_campaign

pytestmark = pytest.mark.django_db

TEXT = {"title": "Shade sails over bus stops", "body": "Summer waits at bus stops are brutal; add shade sails."}


def image_upload(name: str = "photo.png", fmt: str = "PNG", size: tuple[int, int] = (40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def test_citizen_can_submit_an_idea(citizen, campaign):
    idea = idea_submit(campaign=campaign, author=citizen, **TEXT)

    assert idea.status == IdeaStatus.OPEN
    assert idea.department == campaign.department
    assert idea.channel == Channel.WEB
    assert Follow.objects.filter(idea=idea, user=citizen).exists()
    assert list(Idea.objects.visible()) == [idea]


def test_citizen_cannot_submit_an_idea_when_the_text_is_too_short(citizen, campaign):
    with pytest.raises(ValidationError) as exc:
        idea_submit(campaign=campaign, author=citizen, title="Hi", body="Too short")

    assert set(exc.value.message_dict) == {"title", "body"}
    assert not Idea.objects.exists()


def test_citizen_can_submit_an_idea_with_whitespace_normalised(citizen, campaign):
    idea = idea_submit(campaign=campaign, author=citizen, title="  Shade   sails  ", body=f"  {TEXT['body']}  \n")

    assert (idea.title, idea.body) == ("Shade sails", TEXT["body"])


def test_anonymous_visitor_cannot_submit_an_idea(campaign):
    with pytest.raises(PermissionDenied):
        idea_submit(campaign=campaign, author=AnonymousUser(), **TEXT)
    assert not Idea.objects.exists()


def test_citizen_cannot_submit_an_idea_when_the_campaign_has_closed(citizen):
    now = timezone.now()
    closed = make_campaign(title="Past", opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1))

    with pytest.raises(ValidationError) as exc:
        idea_submit(campaign=closed, author=citizen, **TEXT)

    assert exc.value.code == "campaign_closed"
    assert not Idea.objects.exists()


def test_citizen_cannot_submit_an_idea_when_the_campaign_is_not_yet_open(citizen):
    now = timezone.now()
    future = make_campaign(title="Future", opens_at=now + timedelta(days=3), closes_at=now + timedelta(days=30))

    with pytest.raises(ValidationError) as exc:
        idea_submit(campaign=future, author=citizen, **TEXT)

    assert exc.value.code == "campaign_closed"
    assert not Idea.objects.exists()


def test_citizen_can_submit_an_idea_to_the_general_campaign(citizen, general):
    idea = idea_submit(campaign=general, author=citizen, **TEXT)

    assert idea.campaign == general


def test_citizen_can_attach_images_to_an_idea(citizen, campaign, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    uploads = [image_upload("a.png"), image_upload("b.jpg", "JPEG"), image_upload("c.webp", "WEBP")]

    idea = idea_submit(campaign=campaign, author=citizen, images=uploads, **TEXT)

    images = list(idea.images.all())
    assert [(i.position, i.width, i.height) for i in images] == [(0, 40, 30), (1, 40, 30), (2, 40, 30)]
    assert all((tmp_path / i.image.name).is_file() for i in images)


def test_citizen_cannot_attach_more_than_three_images(citizen, campaign, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    with pytest.raises(ValidationError) as exc:
        idea_submit(campaign=campaign, author=citizen, images=[image_upload(f"{n}.png") for n in range(4)], **TEXT)

    assert "images" in exc.value.message_dict
    assert not Idea.objects.exists()
    assert not IdeaImage.objects.exists()


def test_citizen_cannot_attach_a_file_that_is_not_an_image(citizen, campaign):
    fake = SimpleUploadedFile("photo.png", b"%PDF-1.4 definitely not a picture", content_type="image/png")

    with pytest.raises(ValidationError) as exc:
        idea_submit(campaign=campaign, author=citizen, images=[fake], **TEXT)

    assert exc.value.code == "image_type"
    assert "photo.png" in exc.value.message
    assert not Idea.objects.exists()


def test_citizen_cannot_attach_an_image_in_an_unsupported_format(citizen, campaign):
    with pytest.raises(ValidationError) as exc:
        idea_submit(campaign=campaign, author=citizen, images=[image_upload("scan.png", "BMP")], **TEXT)

    assert exc.value.code == "image_type"
    assert "BMP" in exc.value.message
    assert not Idea.objects.exists()


def test_citizen_cannot_attach_an_image_when_it_is_too_large(citizen, campaign, settings):
    big = image_upload("huge.png", size=(600, 600))
    settings.OASIS_MAX_IMAGE_BYTES = big.size - 1

    with pytest.raises(ValidationError) as exc:
        idea_submit(campaign=campaign, author=citizen, images=[big], **TEXT)

    assert exc.value.code == "image_too_large"
    assert not Idea.objects.exists()


def test_citizen_can_tag_an_idea_with_tags_normalised(citizen, campaign):
    idea = idea_submit(campaign=campaign, author=citizen, tags=["Bus  Stops", "bus stops", " ", "Summer"], **TEXT)

    assert sorted(idea.tags.names()) == ["bus stops", "summer"]


def test_citizen_cannot_tag_an_idea_with_more_than_ten_tags(citizen, campaign):
    with pytest.raises(ValidationError) as exc:
        idea_submit(campaign=campaign, author=citizen, tags=[f"tag {n}" for n in range(11)], **TEXT)

    assert exc.value.code == "too_many_tags"
    assert not Idea.objects.exists()


def test_citizen_cannot_tag_an_idea_with_an_overlong_tag(citizen, campaign):
    with pytest.raises(ValidationError) as exc:
        idea_submit(campaign=campaign, author=citizen, tags=["x" * 51], **TEXT)

    assert exc.value.code == "tag_length"
    assert not Idea.objects.exists()


def test_citizen_cannot_record_an_idea_from_another_channel(citizen, campaign):
    with pytest.raises(ValidationError):
        idea_submit(campaign=campaign, author=citizen, channel=Channel.PHONE, **TEXT)
    assert not Idea.objects.exists()


def test_coordinator_can_enter_an_idea_on_a_citizens_behalf(citizen, coordinator, campaign):
    idea = idea_submit(campaign=campaign, author=citizen, channel=Channel.PHONE, entered_by=coordinator, **TEXT)

    assert (idea.author, idea.entered_by, idea.channel) == (citizen, coordinator, Channel.PHONE)
    event = idea.timeline.get()
    assert (event.kind, event.actor, event.office) == (TimelineEvent.Kind.SUBMITTED, coordinator, "Review coordinators")
    assert "phone" in event.note_text


def test_citizen_cannot_enter_an_idea_on_someone_elses_behalf(citizen, campaign):
    with pytest.raises(PermissionDenied):
        idea_submit(campaign=campaign, author=UserFactory(), channel=Channel.PHONE, entered_by=citizen, **TEXT)
    assert not Idea.objects.exists()
