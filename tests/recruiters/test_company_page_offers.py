"""The company page (cms) shows the company's open offers and takes spontaneous applications."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from recruiters.models import Application
from tests.cms.conftest import publish_company_page, site  # noqa: F401  (fixture)
from tests.factories import CandidateProfileFactory, CompanyFactory, JobOfferFactory, RecruiterFactory
from tests.factories.candidates import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(site):  # noqa: F811
    company = CompanyFactory(name="Ateliers des Volcans")
    RecruiterFactory(company=company)
    return publish_company_page(
        company, spontaneous_applications_enabled=True, spontaneous_applications_email="rh@volcans.example"
    )


def test_company_page_lists_published_offers_only(client, page):
    JobOfferFactory(company=page.company, published=True, title="Tourneur fraiseur")
    JobOfferFactory(company=page.company, title="Brouillon secret")
    html = client.get(page.url).content.decode()
    assert "Nos offres" in html and "Tourneur fraiseur" in html and "Brouillon secret" not in html


def test_spontaneous_application_from_the_company_page(client, page, django_capture_on_commit_callbacks):
    profile = CandidateProfileFactory()
    profile.user.email_confirmed_at = timezone.now()
    profile.user.save()
    client.force_login(profile.user)
    url = page.url + "postuler/"
    assert client.post(url, {"message": "Bonjour"}).status_code == 400  # no CV at all
    cv = SimpleUploadedFile("cv.pdf", pdf_bytes("Fraiseuse"), content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"cv": cv, "message": "Je connais vos ateliers."})
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.is_spontaneous and application.company == page.company
    assert "rh@volcans.example" in {m.to[0] for m in mail.outbox}


def test_offer_page_links_to_the_company_page(client, page):
    offer = JobOfferFactory(company=page.company, published=True)
    html = client.get(f"/offres/{offer.slug}/").content.decode()
    assert f'href="{page.url}" class="company-page-link"' in html
