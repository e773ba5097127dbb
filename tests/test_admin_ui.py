"""axe-core on the recruiter pages we build inside the Wagtail admin: no violation at all, whatever its impact.

Every page is filled with data first (offers, applications with a PDF CV, highlighted search results,
comments, a folder, a campaign), so the rules run against the markup a recruiter actually sees and not
only against empty states. Screenshots land in $A11Y_SCREENSHOTS (default /tmp/vivier-a11y-admin).
"""

import os
from datetime import date
from importlib.util import find_spec
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from matching import extraction, loader
from matching import services as matching_services
from tests.factories import (
    ApplicationFactory,
    AugmentedOfferRuleFactory,
    CandidateProfileFactory,
    CommentFactory,
    CommuneFactory,
    EducationFactory,
    ExperienceFactory,
    FolderFactory,
    FolderProfileFactory,
    InterviewCampaignFactory,
    InterviewQuestionFactory,
    JobOfferFactory,
    RecruiterFactory,
    SavedSearchFactory,
)
from tests.search.conftest import (  # noqa: F401 (fixtures: an empty CVthèque index, the pinned lexicon)
    default_lexicon_without_database,
    index,
    reindex,
    vocabulary_lexicon,
)

AXE_SPEC = find_spec("axe_playwright_python")
AXE_JS = Path(AXE_SPEC.origin).parent / "axe.min.js" if AXE_SPEC else None
SCREENSHOTS = Path(os.environ.get("A11Y_SCREENSHOTS", "/tmp/vivier-a11y-admin"))  # noqa: S108

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
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
        {"id": violation["id"], "impact": violation["impact"], "targets": [node["target"] for node in violation["nodes"]][:5]}
        for violation in result["violations"]
    ]


def screenshot(page, name: str):
    # The admin scrolls inside <main>, not the window: grow the viewport to the panel's height.
    height = page.evaluate("() => (document.querySelector('main.content-wrapper') || document.body).scrollHeight")
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": width, "height": max(900, min(height, 6000))})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": width, "height": 900})


@pytest.fixture
def fresh_matching_state():
    loader.reset()
    matching_services.reset_cache()
    extraction.reset_vocabularies()
    yield
    loader.reset()
    matching_services.reset_cache()


@pytest.fixture
def recruiter_pages(index, fresh_matching_state):  # noqa: F811 (the imported fixture)
    """A recruiter with a bit of everything; returns the recruiter and the admin URLs to check."""
    recruiter = RecruiterFactory()
    company = recruiter.company
    commune = CommuneFactory(insee="63113", name="Clermont-Ferrand", latitude=45.7797, longitude=3.0863)
    offer = JobOfferFactory(company=company, commune=commune, published=True, title="Technicien de maintenance")
    JobOfferFactory(company=company, commune=commune, title="Comptable")
    profiles = []
    for number in range(3):
        profile = CandidateProfileFactory(
            headline=f"Technicienne de maintenance {number}", home_commune=commune, contract_types=["CDI"],
            skills=["GMAO", "Électrotechnique"], cv_text="Maintenance industrielle, GMAO.",
        )
        ExperienceFactory(profile=profile, title="Technicienne de maintenance", start_date=date(2018 + number, 1, 1))
        EducationFactory(profile=profile, level=5)
        profiles.append(profile)
    reindex()
    application = ApplicationFactory(offer=offer, candidate=profiles[0])
    ApplicationFactory(offer=offer, candidate=profiles[1])
    folder = FolderFactory(recruiter=recruiter, name="Maintenance Clermont")
    FolderProfileFactory(folder=folder, profile=profiles[0])
    SavedSearchFactory(folder=folder)
    CommentFactory(recruiter=recruiter, profile=profiles[0])
    campaign = InterviewCampaignFactory(company=company, name="Entretien maintenance")
    InterviewQuestionFactory(campaign=campaign)
    AugmentedOfferRuleFactory(company=company)
    profile = profiles[0]
    urls = {
        "dashboard": "/admin/",
        "offers": "/admin/recruteur/offres/",
        "offer-new": "/admin/recruteur/offres/nouvelle/",
        "offer-edit": f"/admin/recruteur/offres/{offer.pk}/",
        "applications": "/admin/recruteur/candidatures/",
        "application": f"/admin/recruteur/candidatures/{application.pk}/",
        "application-settings": "/admin/recruteur/candidatures/reglages/",
        "cvtheque": "/admin/cvtheque/",
        "cvtheque-results": "/admin/cvtheque/?q=technicienne+maintenance",
        "cvtheque-profile": f"/admin/cvtheque/profils/{profile.pk}/",
        "folders": "/admin/cvtheque/dossiers/",
        "folder": f"/admin/cvtheque/dossiers/{folder.pk}/",
        "matching-offers": "/admin/matching/",
        "matching-upload": "/admin/matching/charger/",
        "matching-offer": f"/admin/matching/offre/{offer.pk}/",
        "matching-search": "/admin/matching/recherche/?job_titles=Technicien+de+maintenance&contract_types=CDI",
        "matching-profile": f"/admin/matching/profil/{profile.pk}/",
        "matching-profile-comments": f"/admin/matching/profil/{profile.pk}/?tab=commentaires",
        "augmented": "/admin/recruteur/offres-augmentees/",
        "augmented-new": "/admin/recruteur/offres-augmentees/nouvelle/",
        "visiotalent": "/admin/recruteur/visiotalent/",
        "visiotalent-campaign": f"/admin/recruteur/visiotalent/campagnes/{campaign.pk}/modifier/",
        "visiotalent-application": f"/admin/recruteur/visiotalent/candidatures/{application.pk}/",
        "team": "/admin/recruteur/equipe/",
        "contact": "/admin/recruteur/contact/",
    }
    return recruiter, urls


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                               "url": live_server.url}])


@pytest.mark.parametrize("width", [1366, 768])
def test_recruiter_admin_pages_have_no_axe_violation(live_server, page, recruiter_pages, width):
    recruiter, urls = recruiter_pages
    log_in(page, live_server, recruiter.user)
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for name, url in urls.items():
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, f"{name}: {url} answered {response.status}"
        page.wait_for_load_state("networkidle")
        screenshot(page, name)
        if violations := axe_violations(page):
            found[name] = violations
    assert found == {}
