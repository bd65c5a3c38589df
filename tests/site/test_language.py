"""Which language a person reads Oasis in: the browser's, the switch's, then the account's.

Tests that look for Korean words (Hangul) in our own strings pass once the Korean catalogue
(locale/ko) is filled; the others hold whatever the catalogue contains.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from core.models import Profile
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

HANGUL = re.compile("[가-힣]")
KOREAN_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "ko-KR,ko;q=0.9,en;q=0.5"}
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def footer(response) -> str:
    html = response.content.decode()
    return html[html.index('<footer class="site-footer">') :]


def test_visitor_with_a_korean_browser_gets_the_page_in_korean(client, campaign):
    response = client.get(campaign.url, **KOREAN_BROWSER)

    assert response.status_code == 200
    assert html_lang(response) == "ko"
    assert response["Content-Language"] == "ko"


def test_visitor_with_an_english_browser_gets_the_page_in_english(client, campaign):
    response = client.get(campaign.url, **ENGLISH_BROWSER)

    assert html_lang(response) == "en"
    assert response["Content-Language"] == "en"
    assert "ideas from citizens, answered by the city." in footer(response)


def test_visitor_with_a_korean_browser_reads_our_words_in_korean(client, campaign):
    """Waits for the Korean catalogue: the footer is our own sentence, in no other catalogue."""
    text = footer(client.get(campaign.url, **KOREAN_BROWSER))

    assert HANGUL.search(text)
    assert "ideas from citizens, answered by the city." not in text


def test_visitor_finds_the_language_switch_in_the_header(client, campaign):
    url = f"{campaign.url}?sort=votes"
    html = client.get(url, **ENGLISH_BROWSER).content.decode()
    header = html[html.index("<header") : html.index("</header>")]

    form = re.search(r'<form method="post" action="([^"]+)"[^>]*>(.*?)</form>', header, re.S)
    assert form.group(1) == reverse("set_language") == "/i18n/setlang/"
    assert f'<input type="hidden" name="next" value="{url}">'.replace("&", "&amp;") in form.group(2)
    assert re.search(r'<button type="submit" name="language" value="ko" lang="ko"', form.group(2))
    assert 'value="en"' not in form.group(2)  # only the languages one is not reading


def test_visitor_can_switch_to_korean_and_comes_back_to_the_same_page(client, campaign):
    url = f"{campaign.url}?sort=votes"

    response = client.post("/i18n/setlang/", {"language": "ko", "next": url}, **ENGLISH_BROWSER)

    assert response.status_code == 302
    assert response["Location"] == url
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ko"
    assert html_lang(client.get(url, **ENGLISH_BROWSER)) == "ko"  # the cookie beats the browser


def test_visitor_cannot_be_sent_elsewhere_by_the_switch(client):
    response = client.post("/i18n/setlang/", {"language": "ko", "next": "https://evil.example/"})

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_visitor_cannot_switch_to_a_language_the_site_does_not_speak(client, campaign):
    client.post("/i18n/setlang/", {"language": "fr", "next": campaign.url})

    assert html_lang(client.get(campaign.url, **ENGLISH_BROWSER)) == "en"


def test_citizen_keeps_the_chosen_language_on_another_device(client_for, citizen, campaign):
    client_for(citizen).post("/i18n/setlang/", {"language": "ko", "next": campaign.url})

    assert Profile.objects.get(user=citizen).language == "ko"
    elsewhere = client_for(citizen)  # a new session, no language cookie, an English browser
    response = elsewhere.get(campaign.url, **ENGLISH_BROWSER)
    assert html_lang(response) == "ko"
    assert response["Content-Language"] == "ko"


def test_citizen_can_switch_back_to_english(client_for, citizen, campaign):
    client = client_for(citizen)
    client.post("/i18n/setlang/", {"language": "ko", "next": campaign.url})
    client.post("/i18n/setlang/", {"language": "en", "next": campaign.url})

    assert Profile.objects.get(user=citizen).language == "en"
    assert html_lang(client_for(citizen).get(campaign.url, **KOREAN_BROWSER)) == "en"


def test_visitor_who_signs_up_on_a_korean_page_gets_a_korean_account(client):
    new = {"username": "minji", "email": "minji@example.org", "password1": PASSWORD, "password2": PASSWORD}

    response = client.post(reverse("signup"), new, **KOREAN_BROWSER)

    assert response.status_code == 302
    assert Profile.objects.get(user__username="minji").language == "ko"


def test_visitor_who_signs_up_on_an_english_page_gets_an_english_account(client):
    new = {"username": "james", "email": "james@example.org", "password1": PASSWORD, "password2": PASSWORD}

    client.post(reverse("signup"), new, **ENGLISH_BROWSER)

    assert Profile.objects.get(user__username="james").language == "en"
