"""Admin pages make no run-time call to a third party (privacy and the no-CDN rule)."""

import re

import pytest

from tests.factories import RecruiterFactory

pytestmark = pytest.mark.django_db


def test_admin_pages_load_nothing_from_another_host(client):
    recruiter = RecruiterFactory()
    client.force_login(recruiter.user)
    for url in ("/admin/", "/admin/recruteur/offres/", "/admin/recruteur/candidatures/"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "gravatar" not in html, url
        # Resources the browser fetches by itself (src=, <link href=>) from another host, absolute or
        # protocol-relative; plain links the user may follow are not fetched.
        foreign = re.findall(r'(?:\bsrc=|<link\b[^>]*\bhref=)"(?:https?:)?//(?!testserver)[^"]+"', html)
        assert foreign == [], (url, foreign)
