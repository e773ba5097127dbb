"""The public company page: its sections, share links, OpenGraph and schema.org data."""

import datetime
import json
import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.conf import settings
from django.utils import timezone

import recruiters.selectors
from cms.models import CompanyPage
from tests.cms.conftest import make_image, publish_company_page
from tests.factories import CandidateUserFactory, CompanyFactory

pytestmark = pytest.mark.django_db


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.levels = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))


def heading_levels(html: str) -> list[int]:
    parser = _Headings()
    parser.feed(html)
    return parser.levels


@pytest.fixture
def full_page(site):
    company = CompanyFactory(name="Ateliers des Volcans")
    return publish_company_page(
        company,
        tagline="Mécanique de précision au pied des volcans",
        website="https://ateliers-volcans.example",
        linkedin_url="https://www.linkedin.com/company/ateliers-volcans",
        instagram_url="https://www.instagram.com/ateliersvolcans",
        spontaneous_applications_enabled=True,
        spontaneous_applications_email="rh@ateliers-volcans.example",
        benefits=[("teletravail", "2 jours par semaine"), ("creche", "")],
        videos=[("Visite de l'atelier", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")],
        news=[
            {"date": datetime.date(2026, 3, 1), "title": "Nouvelle ligne de production", "text": "Mars."},
            {"date": datetime.date(2026, 9, 1), "title": "Portes ouvertes", "text": "Septembre.",
             "image": make_image(800, 600, "JPEG")},
        ],
        body=[
            ("heading", {"text": "Nos engagements", "level": "h2"}),
            ("paragraph", "<p>Entreprise <b>engagée</b>.</p>"),
            ("quote", {"text": "On apprend tous les jours.", "author": "Lina", "role": "Apprentie"}),
            ("labels", {"heading": "Labels et certifications", "items": [{"name": "ISO 9001", "year": 2019, "logo": None}]}),
        ],
    )


def test_the_page_shows_every_filled_section(client, full_page):
    response = client.get(full_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1 id=\"company-title\" class=\"mb-1\">Ateliers des Volcans</h1>" in html
    for text in ("Nous découvrir", "En vidéo", "Nos avantages", "Télétravail", "2 jours par semaine", "Crèche",
                 "Actualité", "Nos engagements", "On apprend tous les jours.", "ISO 9001", "Nous suivre",
                 "Candidature spontanée", "Partager cette page"):
        assert text in html, text
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="Vidéo : Visite de l&#x27;atelier"' in html
    assert html.index("Portes ouvertes") < html.index("Nouvelle ligne de production")  # newest first
    assert 'alt="Logo d&#x27;Ateliers des Volcans"' in html


def test_headings_never_skip_a_level(client, full_page):
    levels = heading_levels(client.get(full_page.url).content.decode())
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False)), levels


def test_empty_optional_sections_are_left_out(client, site):
    page = publish_company_page(CompanyFactory(name="Sobre SARL"))
    html = client.get(page.url).content.decode()
    for text in ("Nos avantages", "En vidéo", "Actualité", "Nous suivre", "Candidature spontanée", "Nos offres"):
        assert text not in html, text
    assert "Nous découvrir" in html


def test_opengraph_and_schema_org(client, full_page):
    html = client.get(full_page.url).content.decode()
    page_url = settings.SITE_URL + full_page.url
    assert f'<meta property="og:url" content="{page_url}">' in html
    assert '<meta property="og:title" content="Ateliers des Volcans">' in html
    assert '<meta property="og:description" content="Mécanique de précision au pied des volcans">' in html
    og_image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert og_image.startswith(settings.SITE_URL) and "/media/images/" in og_image
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Organization"
    assert data["name"] == "Ateliers des Volcans"
    assert data["url"] == "https://ateliers-volcans.example"
    assert data["logo"].startswith("http://") and data["logo"].endswith(".png")
    assert data["address"]["addressLocality"] == "Clermont-Ferrand"
    assert "https://www.linkedin.com/company/ateliers-volcans" in data["sameAs"]


def test_json_ld_cannot_break_out_of_its_script(client, site):
    page = publish_company_page(CompanyFactory(name="Evil </script><script>alert(1)</script>"))
    html = client.get(page.url).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in script
    assert json.loads(script)["name"] == "Evil </script><script>alert(1)</script>"


def test_share_links_need_no_third_party_script(client, full_page):
    html = client.get(full_page.url).content.decode()
    page_url = settings.SITE_URL + full_page.url
    assert f"https://www.linkedin.com/sharing/share-offsite/?url={quote(page_url, safe='')}" in html
    assert 'href="mailto:?subject=Ateliers%20des%20Volcans%20sur%20Vivier' in html
    assert 'data-copy-target="share-url"' in html
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert scripts and all(src.startswith("/static/") for src in scripts)


def test_drafts_and_other_pages_are_not_public(client, recruiter, company_page):
    assert client.get(company_page.url or "/entreprises/" + company_page.slug + "/").status_code == 404


def test_spontaneous_application_button_leads_to_the_apply_page(client, full_page):
    html = client.get(full_page.url).content.decode()
    apply_url = full_page.url + "postuler/"
    assert f'href="{apply_url}">Postuler spontanément</a>' in html
    anonymous = client.get(apply_url).content.decode()
    assert "/compte/connexion/?next=" in anonymous and "/espace-candidat/inscription/?next=" in anonymous
    assert "rh@ateliers-volcans.example" not in anonymous
    client.force_login(CandidateUserFactory(email_confirmed_at=timezone.now()))
    candidate = client.get(apply_url).content.decode()
    # The job-offers feature replaced the mail fallback by its form (tests/recruiters/test_company_page_offers.py).
    assert "Envoyer ma candidature" in candidate and 'enctype="multipart/form-data"' in candidate


def test_apply_page_is_absent_when_spontaneous_applications_are_off(client, site):
    page = publish_company_page(CompanyFactory(name="Fermé SARL"))
    assert client.get(page.url + "postuler/").status_code == 404


def test_offers_section_appears_when_the_offers_selector_exists(client, full_page, monkeypatch):
    assert "Nos offres" not in client.get(full_page.url).content.decode()

    class Offer:
        title = "Technicienne de maintenance"

        def get_absolute_url(self):
            return "/offres/42/"

    calls = []

    def company_published_offers(*, company):
        calls.append(company)
        return [Offer()]

    monkeypatch.setattr(recruiters.selectors, "company_published_offers", company_published_offers, raising=False)
    html = client.get(full_page.url).content.decode()
    assert "Nos offres" in html and '<a href="/offres/42/">Technicienne de maintenance</a>' in html
    assert calls == [full_page.company]


def test_search_text_follows_the_company(site):
    page = publish_company_page(CompanyFactory(name="Forges de Thiers"), tagline="Coutellerie")
    assert "forges de thiers" in CompanyPage.objects.get(pk=page.pk).search_text
    assert "coutellerie" in page.search_text
