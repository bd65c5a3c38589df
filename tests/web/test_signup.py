"""Citizens sign up, sign in and out, and reset a forgotten password by e-mail."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from core.roles import GROUP_CITIZENS
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW = {"username": "minji", "email": "minji@example.org", "password1": PASSWORD, "password2": PASSWORD}


def test_visitor_can_sign_up_and_is_signed_in(client, campaign):
    response = client.post(reverse("signup"), {**NEW, "next": campaign.url}, follow=True)
    assert response.redirect_chain[-1][0] == campaign.url
    user = User.objects.get(username="minji")
    assert user.groups.filter(name=GROUP_CITIZENS).exists()
    assert response.context["user"] == user
    assert "Welcome to Oasis, minji!" in response.content.decode()


def test_visitor_cannot_sign_up_with_mismatched_passwords(client):
    response = client.post(reverse("signup"), {**NEW, "password2": "something-else-entirely"})
    assert "The two passwords do not match." in response.content.decode()
    assert not User.objects.filter(username="minji").exists()


def test_visitor_cannot_sign_up_with_a_weak_password_or_taken_name(client, citizen):
    response = client.post(reverse("signup"), {**NEW, "password1": "123", "password2": "123"})
    assert "This password is too short" in response.content.decode()
    response = client.post(reverse("signup"), {**NEW, "username": citizen.username.upper()})
    assert "That user name is taken." in response.content.decode()
    assert 'value="minji@example.org"' in response.content.decode()  # typed input kept
    assert User.objects.count() == 1


def test_visitor_is_not_sent_to_another_site_after_sign_up(client):
    response = client.post(reverse("signup"), {**NEW, "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_citizen_can_sign_in_and_out(client, citizen):
    response = client.post(reverse("login"), {"username": citizen.username, "password": PASSWORD}, follow=True)
    assert response.context["user"] == citizen
    assert "Sign out" in response.content.decode()
    response = client.post(reverse("logout"), follow=True)
    assert not response.context["user"].is_authenticated


def test_citizen_sees_an_error_with_a_wrong_password(client, citizen):
    response = client.post(reverse("login"), {"username": citizen.username, "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_citizen_can_reset_a_forgotten_password(client, citizen):
    response = client.post(reverse("password_reset"), {"email": citizen.email}, follow=True)
    assert "Check your e-mail" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [citizen.email]
    assert "Reset your Oasis password" in message.subject
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new = "a-brand-new-long-password-42"
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True)
    assert "Your password is changed" in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.check_password(new)
