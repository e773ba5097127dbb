"""The seeded demo world, as a visitor, a candidate, a recruiter and a moderator find it."""

import io
import re

import filetype
import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from PIL import Image
from wagtail.models import PageLogEntry, WorkflowState

from cms.choices import BANNER_RULE, LOGO_RULE
from cms.models import CompanyPage
from cms.validators import word_count
from portal.candidates.models import CandidateProfile
from portal.demo.companies import COMPANIES, REGION_DEPARTMENTS
from portal.demo.seed import (
    CANDIDATE_EMAIL,
    DEMO_PASSWORD,
    PENDING_RECRUITER_EMAIL,
    RECRUITER_EMAIL,
    STAFF_EMAIL,
    seed_world,
)
from portal.demo.trades import titles_for_naf
from recruiters.choices import ApplicationStatus, InvitationStatus, OfferStatus, RecruiterStatus
from recruiters.models import (
    Application,
    ApplicationEvent,
    AugmentedOfferRule,
    Company,
    InterviewAnswer,
    InterviewInvitation,
    JobOffer,
    JobOfferLanguage,
    Recruiter,
)

from .conftest import SMALL_WORLD

pytestmark = pytest.mark.django_db


def test_every_company_has_a_live_moderated_page_with_conforming_images(demo_world):
    companies = Company.objects.filter(status="active")
    assert companies.count() == SMALL_WORLD["companies"]
    for company in companies:
        page = CompanyPage.objects.get(company=company)
        assert page.live and not page.has_unpublished_changes, company
        assert word_count(page.description) >= 150
        assert page.benefits.count() >= 4 and page.news.count() >= 1 and page.social_links()
        for image, rule in ((page.banner, BANNER_RULE), (page.logo, LOGO_RULE)):
            # The files themselves, as uploaded: exactly the published size and under the weight.
            with image.open_file() as handle:
                data = handle.read()
            with Image.open(io.BytesIO(data)) as picture:
                assert picture.format in {"JPEG", "PNG"}
                assert picture.size == (rule.width, rule.height)
            assert len(data) <= rule.max_bytes
        # Moderation history: submitted by the company's recruiter, approved by the moderator.
        state = WorkflowState.objects.get(object_id=str(page.pk))
        assert state.status == WorkflowState.STATUS_APPROVED
        assert state.requested_by.recruiter.company == company
        approval = PageLogEntry.objects.get(page=page, action="wagtail.workflow.approve")
        assert approval.user.email == STAFF_EMAIL
        assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


def test_offers_fit_their_company_and_stay_in_the_region(demo_world):
    offers = JobOffer.objects.select_related("company__naf_sector", "commune")
    assert offers.count() >= 15
    for offer in offers:
        allowed = titles_for_naf(offer.company.naf_sector_id)
        assert offer.job_titles and set(offer.job_titles) <= allowed, (offer.company.name, offer.job_titles)
        assert offer.commune.department_id in REGION_DEPARTMENTS
        assert list(offer.sectors.values_list("code", flat=True)) == [offer.company.naf_sector_id]
        assert offer.salary_min and offer.salary_max and offer.start_date and offer.skills
    assert JobOfferLanguage.objects.filter(offer__in=offers).exists()
    statuses = set(offers.values_list("status", flat=True))
    assert statuses == {OfferStatus.PUBLISHED, OfferStatus.CLOSED, OfferStatus.EXPIRED, OfferStatus.DRAFT}
    open_offers = [offer for offer in offers if offer.status == OfferStatus.PUBLISHED]
    assert open_offers and all(offer.is_open for offer in open_offers)
    assert all(not offer.is_open for offer in offers if offer.status == OfferStatus.EXPIRED)


def test_candidates_have_complete_profiles_in_the_region(demo_world):
    profiles = CandidateProfile.objects.filter(external_ref__startswith="demo-").select_related("home_commune")
    assert profiles.count() == SMALL_WORLD["candidates"]
    for profile in profiles:
        assert profile.home_commune.department_id in REGION_DEPARTMENTS
        assert profile.experiences.exists() and profile.education.exists(), profile
        assert profile.skills and profile.languages.exists() and profile.desired_jobs, profile
        assert profile.desired_places.exists() and profile.contract_types, profile
        assert profile.cv_file and profile.user.last_name in profile.cv_text
        assert profile.experiences.first().title in profile.cv_text
    visible = profiles.filter(visible_in_cvtheque=True).count()
    assert 0 < profiles.count() - visible < visible  # most consented, a few did not
    headlines = " ".join(profiles.values_list("headline", flat=True))
    assert re.search(r"\b\w+(euse|ice|ienne|ère)\b", headlines) and re.search(r"\b\w+(eur|ier|ien)\b", headlines)


def test_applications_in_every_status_with_history_and_video_answers(demo_world):
    applications = Application.objects.all()
    assert set(applications.values_list("status", flat=True)) == set(ApplicationStatus.values)
    assert applications.filter(offer__isnull=True).count() >= 2  # spontaneous, through the company pages
    assert applications.exclude(message="").exists()
    for application in applications.exclude(status=ApplicationStatus.NEW):
        kinds = list(application.events.values_list("kind", flat=True))
        assert kinds[0] == "submitted" and "status_changed" in kinds, kinds
        times = list(application.events.values_list("created_at", flat=True))
        assert times == sorted(times) and application.created_at <= times[0]
    assert ApplicationEvent.objects.filter(kind="email_sent").exists()
    assert ApplicationEvent.objects.filter(kind="commented").exists()

    completed = InterviewInvitation.objects.filter(status=InvitationStatus.COMPLETED)
    assert completed.count() == 2
    for invitation in completed:
        answers = InterviewAnswer.objects.filter(invitation=invitation)
        assert answers.count() == invitation.campaign.questions.count() == 3
        for answer in answers:
            with answer.video.open("rb") as handle:
                assert filetype.guess(handle.read(8192)).mime == "video/webm"
            assert answer.duration_seconds >= 20
    assert InterviewInvitation.objects.filter(status=InvitationStatus.IN_PROGRESS).count() == 1


def test_demo_logins(demo_world, capsys):
    for email in (STAFF_EMAIL, RECRUITER_EMAIL, CANDIDATE_EMAIL, PENDING_RECRUITER_EMAIL):
        assert authenticate(username=email, password=DEMO_PASSWORD) is not None, email
    assert len(DEMO_PASSWORD) >= 12
    recruiter = Recruiter.objects.get(user__email=RECRUITER_EMAIL)
    assert recruiter.status == RecruiterStatus.APPROVED and recruiter.company.name == COMPANIES[0].name
    assert recruiter.company.offers.filter(status=OfferStatus.PUBLISHED).exists()
    assert recruiter.company.applications.count() >= 10
    assert Recruiter.objects.get(user__email=PENDING_RECRUITER_EMAIL).status == RecruiterStatus.PENDING

    candidate = CandidateProfile.objects.get(user__email=CANDIDATE_EMAIL)
    assert candidate.user.email_confirmed_at is not None
    statuses = set(candidate.applications.values_list("status", flat=True))
    assert {"interview", "rejected", "to_contact", "new"} <= statuses
    # Her video interview is waiting for her.
    assert InterviewInvitation.objects.filter(application__candidate=candidate, status="invited").exists()

    call_command("seed_demo", logins_only=True)
    out = capsys.readouterr().out
    for text in (DEMO_PASSWORD, STAFF_EMAIL, RECRUITER_EMAIL, CANDIDATE_EMAIL, PENDING_RECRUITER_EMAIL,
                 COMPANIES[0].name):
        assert text in out


def test_public_pages_show_the_world(demo_world, client):
    pages = CompanyPage.objects.live().select_related("company")
    listing = client.get("/entreprises/")
    assert listing.status_code == 200
    for page in pages:
        assert page.title in listing.content.decode()

    page = pages.get(company__name=COMPANIES[0].name)
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert COMPANIES[0].description[0][:60] in html.replace("&#x27;", "'")
    offer = JobOffer.objects.filter(company=page.company, status=OfferStatus.PUBLISHED).first()
    assert offer.get_absolute_url() in html  # the page lists the company's open offers
    assert "Postuler spontanément" in html

    search = client.get("/offres/")
    assert search.status_code == 200
    assert offer.title in search.content.decode().replace("&#x27;", "'")

    detail = client.get(offer.get_absolute_url())
    assert detail.status_code == 200
    text = detail.content.decode().replace("&#x27;", "'")
    assert offer.title in text and "Missions" in text and page.url in text
    # The company's key figures (an augmented offer) show on its offers.
    rule = AugmentedOfferRule.objects.get(company=page.company)
    assert f'data-rule="{rule.pk}"' in text and rule.images.count() == 1


def test_seeding_again_changes_nothing(demo_world):
    counts = (Company.objects.count(), JobOffer.objects.count(), Application.objects.count(),
              CandidateProfile.objects.count(), CompanyPage.objects.live().count(), InterviewAnswer.objects.count())
    report = seed_world(**SMALL_WORLD)
    assert (report.candidates, report.offers, report.applications) == (0, 0, 0)
    assert counts == (Company.objects.count(), JobOffer.objects.count(), Application.objects.count(),
                      CandidateProfile.objects.count(), CompanyPage.objects.live().count(),
                      InterviewAnswer.objects.count())

