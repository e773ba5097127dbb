"""Factories of issue 6: job offers, applications, augmented-offer rules, Visiotalent campaigns."""

from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.reference.choices import ContractType, WorkingTime
from recruiters.choices import AugmentedMediaType, AugmentedPlacement, OfferStatus
from recruiters.models import (
    Application,
    AugmentedOfferRule,
    InterviewCampaign,
    InterviewQuestion,
    JobOffer,
)

from .candidates import CandidateProfileFactory, pdf_bytes
from .recruiters import CompanyFactory
from .reference import CommuneFactory


class JobOfferFactory(factory.django.DjangoModelFactory):
    """A draft offer in Clermont-Ferrand; ``JobOfferFactory(published=True)`` is open to applications."""

    class Meta:
        model = JobOffer
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(
            status=OfferStatus.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
            expires_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=30)),
        )

    company = factory.SubFactory(CompanyFactory)
    title = "Technicien de maintenance industrielle"
    description = "<p>Vous assurez la maintenance préventive et curative des lignes de production.</p>"
    missions = "<ul><li>Diagnostiquer les pannes</li><li>Suivre la GMAO</li></ul>"
    profile_sought = "<p>BTS maintenance, rigueur et sens du service.</p>"
    job_titles = factory.LazyFunction(lambda: ["Technicien de maintenance"])
    skills = factory.LazyFunction(lambda: ["Électrotechnique", "GMAO"])
    contract_type = ContractType.CDI
    working_time = WorkingTime.FULL_TIME
    commune = factory.SubFactory(CommuneFactory)
    status = OfferStatus.DRAFT

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    offer = factory.SubFactory(JobOfferFactory, published=True)
    company = factory.LazyAttribute(lambda o: o.offer.company if o.offer else CompanyFactory())
    candidate = factory.SubFactory(CandidateProfileFactory)
    cv_file = factory.LazyFunction(
        lambda: ContentFile(pdf_bytes("Curriculum vitae", "Maintenance"), name="cv.pdf")
    )
    cv_original_name = "cv.pdf"
    cv_text = "Curriculum vitae Maintenance"
    message = "Bonjour, votre offre m'intéresse."


class AugmentedOfferRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AugmentedOfferRule
        skip_postgeneration_save = True

    company = factory.SubFactory(CompanyFactory)
    name = "Vidéo métier"
    placement = AugmentedPlacement.AFTER_DESCRIPTION
    media_type = AugmentedMediaType.VIDEO
    video_url = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"

    @factory.post_generation
    def communes(self, create, extracted, **kwargs):
        if create and extracted:
            self.communes.set(extracted)


class InterviewCampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewCampaign

    company = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda n: f"Campagne {n}")
    deadline_days = 7


class InterviewQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewQuestion

    campaign = factory.SubFactory(InterviewCampaignFactory)
    order = factory.Sequence(lambda n: n)
    text = "Présentez-vous en deux minutes."
