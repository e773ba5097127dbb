"""Applying to an offer that has a Visiotalent campaign invites the candidate at once."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from recruiters.models import InterviewInvitation
from recruiters.services_offers import application_submit
from tests.factories import (
    CandidateProfileFactory,
    InterviewCampaignFactory,
    InterviewQuestionFactory,
    JobOfferFactory,
    RecruiterFactory,
)
from tests.factories.candidates import pdf_bytes

pytestmark = pytest.mark.django_db


def cv():
    return SimpleUploadedFile("cv.pdf", pdf_bytes("Curriculum vitae", "Maintenance"), content_type="application/pdf")


@pytest.mark.parametrize("with_campaign", [True, False])
def test_application_to_an_offer_with_a_campaign_invites(django_capture_on_commit_callbacks, with_campaign):
    recruiter = RecruiterFactory()
    campaign = None
    if with_campaign:
        campaign = InterviewCampaignFactory(company=recruiter.company)
        InterviewQuestionFactory(campaign=campaign)
    offer = JobOfferFactory(company=recruiter.company, published=True, campaign=campaign)
    candidate = CandidateProfileFactory()
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(offer=offer, candidate=candidate, message="Bonjour", cv_file=cv())
    invitations = InterviewInvitation.objects.filter(application=application)
    assert invitations.count() == (1 if with_campaign else 0)
    to_candidate = [m for m in mail.outbox if candidate.user.email in m.to]
    assert any("entretien vidéo" in m.subject for m in to_candidate) is with_campaign
    if with_campaign:
        assert f"/entretien-video/{invitations.get().token}/" in to_candidate[-1].body
