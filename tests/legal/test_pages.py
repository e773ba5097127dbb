"""The site frame: information pages, the footer that links them, and the site icon."""

import html as html_lib
import io
import re
from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessLog
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from portal.ops import schedule

pytestmark = pytest.mark.django_db

PAGES = {
    "legal:notice": "Mentions légales",
    "legal:terms": "Conditions générales d'utilisation",
    "legal:privacy": "Données personnelles",
    "legal:accessibility": "Déclaration d'accessibilité",
    "legal:contact": "Contact",
}


def text(response) -> str:
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.mark.parametrize(("name", "heading"), PAGES.items())
def test_each_information_page_answers_in_french(client, name, heading):
    response = client.get(reverse(name))
    assert response.status_code == 200
    [h1] = re.findall(r"<h1[^>]*>(.*?)</h1>", response.content.decode())
    assert html_lib.unescape(h1) == heading
    assert "Dernière mise à jour" in text(response)


@pytest.mark.parametrize("url", ["/", "/offres/", "/compte/connexion/", "/page-qui-n-existe-pas/"])
def test_every_page_has_the_legal_links_and_the_icon(client, url):
    response = client.get(url)
    html = response.content.decode()
    footer = html[html.index("<footer"):html.index("</footer>")]
    for name in PAGES:
        assert f'href="{reverse(name)}"' in footer, (url, name)
    # RGAA: the footer link says the conformity state.
    assert "Accessibilité : non conforme" in footer
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="icon" href="/favicon.ico"' in html


def test_the_error_page_without_context_also_links_the_legal_pages(client, settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    for name in PAGES:
        assert f'href="{reverse(name)}"' in html, name
    assert "favicon" in html


def test_favicon_ico_is_served_as_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert "max-age" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert body[:4] == b"\x00\x00\x01\x00"  # the ICO header
    icon = Image.open(io.BytesIO(body))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= set(icon.info["sizes"])
    assert client.post("/favicon.ico").status_code == 405


def test_the_svg_icon_and_the_touch_icon_exist(client):
    from django.contrib.staticfiles import finders

    svg = open(finders.find("favicon.svg"), encoding="utf-8").read()  # noqa: SIM115
    assert svg.startswith("<svg") and "viewBox" in svg
    touch = Image.open(finders.find("apple-touch-icon.png"))
    assert touch.size == (180, 180)


def test_the_recruiter_terms_address_leads_to_the_site_terms(client):
    response = client.get("/espace-recruteur/conditions-generales/")
    assert response.status_code == 301 and response["Location"] == reverse("legal:terms")
    terms = text(client.get(reverse("legal:terms")))
    assert "Compte recruteur" in terms and "Compte candidat" in terms


def test_the_privacy_notice_states_the_periods_the_jobs_apply(client, settings):
    page = text(client.get(reverse("legal:privacy")))
    assert "sans connexion pendant 2 ans" in page.lower()
    assert "30 jours avant l'effacement" in page
    assert "gardé 1 an" in page
    for cookie in ("sessionid", "csrftoken", "messages"):
        assert cookie in page
    settings.INACTIVE_PROFILE_HIDE_AFTER = timedelta(days=365 * 3)
    settings.INACTIVE_PROFILE_NOTICE_BEFORE = timedelta(days=15)
    page = text(client.get(reverse("legal:privacy")))
    assert "sans connexion pendant 3 ans" in page.lower() and "15 jours avant l'effacement" in page


def test_the_login_journal_is_purged_after_the_stated_period(settings):
    old = AccessLog.objects.create(username="a@example.fr", ip_address="192.0.2.1", user_agent="x")
    AccessLog.objects.filter(pk=old.pk).update(attempt_time=timezone.now() - settings.LOGIN_LOG_RETENTION - timedelta(days=1))
    recent = AccessLog.objects.create(username="b@example.fr", ip_address="192.0.2.2", user_agent="x")
    assert schedule.run_due_jobs(only="login-journal", stdout=StringIO()) == ["login-journal"]
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [recent.pk]
