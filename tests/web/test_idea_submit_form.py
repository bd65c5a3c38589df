"""A citizen submits an idea through the web form; bad images are refused with a clear message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from ideas.models import Channel, Idea, IdeaImage
from tests.factories import make_campaign
from tests.web.helpers import png_file

pytestmark = pytest.mark.django_db

TEXT = {
    "title": "Benches by the river",
    "body": "Older people need places to rest along the river walk.",
    "tags": "parks, Seniors",
}


def submit_url(campaign):
    return f"{campaign.url}submit/"


def test_visitor_cannot_open_the_form_and_is_sent_to_sign_in(client, campaign):
    response = client.get(submit_url(campaign))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_citizen_can_submit_an_idea_with_an_image(client_for, citizen, campaign, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(citizen)
    response = client.post(submit_url(campaign), {**TEXT, "images": [png_file()]}, follow=True)
    idea = Idea.objects.get()
    assert response.redirect_chain[-1][0] == idea.get_absolute_url()
    assert idea.author == citizen and idea.channel == Channel.WEB and idea.campaign == campaign
    assert sorted(t.name for t in idea.tags.all()) == ["parks", "seniors"]
    assert IdeaImage.objects.filter(idea=idea).count() == 1
    html = response.content.decode()
    assert "Your idea is published" in html
    assert "Benches by the river" in html
    assert 'alt="Image 1 attached to the idea' in html


def assert_refused(response, message):
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    # the typed text is kept
    assert "Benches by the river" in html
    assert "Older people need places to rest" in html
    assert not Idea.objects.exists()
    assert not IdeaImage.objects.exists()


@override_settings(OASIS_MAX_IMAGE_BYTES=1024)
def test_citizen_cannot_submit_an_oversized_image(client_for, citizen, campaign):
    big = png_file("big.png", size=(40, 40), noisy=True)
    assert big.size > 1024
    response = client_for(citizen).post(submit_url(campaign), {**TEXT, "images": [big]})
    assert_refused(response, "big.png is too large")


def test_citizen_cannot_submit_a_text_file_renamed_png(client_for, citizen, campaign):
    fake = SimpleUploadedFile("notes.png", b"this is plain text, not an image", content_type="image/png")
    response = client_for(citizen).post(submit_url(campaign), {**TEXT, "images": [fake]})
    assert_refused(response, "notes.png is not an image we can read")


def test_citizen_cannot_submit_four_images(client_for, citizen, campaign):
    files = [png_file(f"p{i}.png") for i in range(4)]
    response = client_for(citizen).post(submit_url(campaign), {**TEXT, "images": files})
    assert_refused(response, "You can attach at most 3 images.")


def test_citizen_cannot_submit_a_too_short_description(client_for, citizen, campaign):
    response = client_for(citizen).post(submit_url(campaign), {**TEXT, "body": "Too short"})
    assert response.status_code == 200
    assert "Describe your idea in at least 20 characters." in response.content.decode()
    assert not Idea.objects.exists()


def test_citizen_cannot_submit_to_a_closed_campaign(client_for, citizen):
    from datetime import timedelta

    from django.utils import timezone

    closed = make_campaign(
        title="Closed one", opens_at=timezone.now() - timedelta(days=10), closes_at=timezone.now() - timedelta(days=1)
    )
    client = client_for(citizen)
    page = client.get(submit_url(closed))
    assert "This campaign is not open for ideas right now." in page.content.decode()
    assert 'enctype="multipart/form-data"' not in page.content.decode()
    response = client.post(submit_url(closed), TEXT)
    assert "not open" in response.content.decode()
    assert not Idea.objects.exists()
