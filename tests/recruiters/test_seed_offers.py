import random

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.demo.seed_offers import seed_offers
from recruiters.models import Application, JobOffer
from tests.factories import CandidateProfileFactory, CommuneFactory, NafSectorFactory, RecruiterFactory
from tests.factories.candidates import pdf_bytes

pytestmark = pytest.mark.django_db


def test_seed_offers_publishes_offers_with_applications_and_is_idempotent():
    CommuneFactory()
    NafSectorFactory(code="22.11Z")
    RecruiterFactory()
    RecruiterFactory()
    for _ in range(6):
        profile = CandidateProfileFactory()
        profile.cv_file.save("cv.pdf", ContentFile(pdf_bytes("CV démo")), save=False)
        profile.cv_uploaded_at = timezone.now()
        profile.save()
    offers, applications = seed_offers(rng=random.Random(1), per_company=3, applications_per_offer=3)
    assert offers == 6 == JobOffer.objects.count()
    assert JobOffer.objects.filter(status="published").count() == 4
    assert applications == Application.objects.count()
    assert all(a.cv_file.name.startswith("applications/cv/") for a in Application.objects.all())
    assert seed_offers(rng=random.Random(1), per_company=3) == (0, 0)
