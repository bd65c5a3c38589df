"""Error pages are ours (not viewflow's) and the 500 page needs no context."""

import pytest
from django.template import loader

pytestmark = pytest.mark.django_db


def test_visitor_sees_a_self_contained_500_page():
    html = loader.get_template("500.html").render()  # no request, no context processors
    assert "Something went wrong" in html
    assert html.count("<h1") == 1
    assert 'lang="en"' in html


def test_visitor_sees_our_404_and_login_templates(client):
    assert "Browse campaigns" in client.get("/no/such/page/").content.decode()
    assert "Forgot your password?" in client.get("/accounts/login/").content.decode()
