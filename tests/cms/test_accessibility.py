"""axe-core in headless Chromium on the public pages: no serious or critical violation.

axe.min.js comes from the axe-playwright-python wheel (dev dependency), read from site-packages and
injected into each page: no CDN, nothing vendored. Screenshots land in $A11Y_SCREENSHOTS (default
/tmp/vivier-a11y) for a person to look at.
"""

import datetime
import os
from importlib.util import find_spec
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from cms.services import site_ensure
from tests.cms.conftest import make_image, publish_company_page
from tests.factories import CandidateProfileFactory, CandidateUserFactory, CompanyFactory, ExperienceFactory

AXE_SPEC = find_spec("axe_playwright_python")
AXE_JS = Path(AXE_SPEC.origin).parent / "axe.min.js" if AXE_SPEC else None
SCREENSHOTS = Path(os.environ.get("A11Y_SCREENSHOTS", "/tmp/vivier-a11y"))  # noqa: S108

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(AXE_JS is None or not AXE_JS.exists(), reason="axe-playwright-python is not installed"),
]


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
            resultTypes: ["violations"],
        })"""
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def log_in(page, live_server, user):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}])


@pytest.fixture
def published(db):
    company = CompanyFactory(name="Ateliers des Volcans")
    return publish_company_page(
        company,
        tagline="Mécanique de précision au pied des volcans",
        website="https://ateliers-volcans.example",
        linkedin_url="https://www.linkedin.com/company/ateliers-volcans",
        spontaneous_applications_enabled=True,
        spontaneous_applications_email="rh@ateliers-volcans.example",
        benefits=[("teletravail", "2 jours par semaine"), ("mutuelle", "prise en charge à 80 %"), ("formation", "")],
        news=[{"date": datetime.date(2026, 9, 1), "title": "Portes ouvertes", "text": "Venez nous voir le 12.",
               "image": make_image(800, 600, "JPEG")}],
        body=[
            ("heading", {"text": "Nos engagements", "level": "h2"}),
            ("quote", {"text": "On apprend tous les jours.", "author": "Lina", "role": "Apprentie"}),
        ],
    )


@pytest.mark.django_db(transaction=True)
def test_public_pages_have_no_serious_axe_violations(live_server, page, published):
    site_ensure()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    public_pages = {
        "accueil": "/",
        "entreprises": "/entreprises/",
        "entreprises-filtre": "/entreprises/?avantages=teletravail&q=volcans",
        "page-entreprise": published.url,
        "postuler": published.url + "postuler/",
        "espace-candidat": "/espace-candidat/",
        "inscription": "/espace-candidat/inscription/",
        "donnees-personnelles": "/espace-candidat/donnees-personnelles/",
    }
    candidate = CandidateUserFactory(first_name="Inès", email_confirmed_at=timezone.now())
    profile = CandidateProfileFactory(user=candidate)
    ExperienceFactory(profile=profile)
    candidate_pages = {
        "profil": "/espace-candidat/",
        "profil-identite": "/espace-candidat/profil/identite/",
        "profil-recherche": "/espace-candidat/profil/recherche/",
        "profil-experiences": "/espace-candidat/profil/experiences/",
        "profil-competences": "/espace-candidat/profil/competences/",
        "profil-cv": "/espace-candidat/profil/cv/",
        "profil-visibilite": "/espace-candidat/profil/visibilite/",
        "suppression": "/espace-candidat/donnees-personnelles/supprimer/",
    }
    failures = {}

    def check(name, path, *, width=1280):
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(live_server.url + path)
        assert response.status == 200, (name, response.status)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
        violations = axe_violations(page)
        if violations:
            failures[f"{name} ({width}px)"] = violations

    for name, path in public_pages.items():
        check(name, path)
    check("page-entreprise", published.url, width=390)
    check("entreprises", "/entreprises/", width=390)
    log_in(page, live_server, candidate)
    for name, path in candidate_pages.items():
        check(name, path)
    check("profil-experiences", candidate_pages["profil-experiences"], width=390)
    assert not failures, failures


@pytest.mark.django_db(transaction=True)
def test_company_page_works_with_the_keyboard(live_server, page, published):
    site_ensure()
    page.goto(live_server.url + published.url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Aller au contenu"
    page.keyboard.press("Enter")
    apply_link = page.get_by_role("link", name="Postuler spontanément")
    apply_link.focus()
    assert page.evaluate("document.activeElement.textContent.trim()") == "Postuler spontanément"
    copy = page.get_by_role("button", name="Copier le lien")
    copy.focus()
    page.keyboard.press("Enter")
    status = page.locator("[data-copy-status]")
    status.wait_for()
    assert status.inner_text() in {"Lien copié.", "Adresse sélectionnée : copiez-la avec Ctrl+C.",
                                   "Sélectionnez l'adresse puis copiez-la (Ctrl+C)."}
