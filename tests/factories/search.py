import factory
from django.utils import timezone

from search.choices import AccessKind, AlertFrequency, ProfileStatusValue
from search.models import (
    Comment,
    ContactMessage,
    Folder,
    FolderProfile,
    ProfileAccess,
    ProfileStatus,
    SavedSearch,
)

from .candidates import CandidateProfileFactory
from .recruiters import RecruiterFactory


class FolderFactory(factory.django.DjangoModelFactory):
    """A folder owned by a recruiter of its company (a new recruiter and company unless given)."""

    class Meta:
        model = Folder

    class Params:
        recruiter = factory.SubFactory(RecruiterFactory)

    company = factory.LazyAttribute(lambda o: o.recruiter.company)
    owner = factory.LazyAttribute(lambda o: o.recruiter.user)
    name = factory.Sequence(lambda n: f"Technicien maintenance {n}")
    shared = False


class FolderProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FolderProfile

    folder = factory.SubFactory(FolderFactory)
    profile = factory.SubFactory(CandidateProfileFactory)
    added_by = factory.LazyAttribute(lambda o: o.folder.owner)


class SavedSearchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedSearch

    folder = factory.SubFactory(FolderFactory)
    name = "Techniciens autour de Clermont"
    criteria = factory.LazyFunction(lambda: {"q": "technicien", "mode": "all", "places": [], "departments": [],
                                             "filters": {}, "sort": "relevance", "per_page": 30})
    alert_frequency = AlertFrequency.DAILY
    created_by = factory.LazyAttribute(lambda o: o.folder.owner)
    last_alert_at = factory.LazyFunction(timezone.now)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    class Params:
        recruiter = factory.SubFactory(RecruiterFactory)

    company = factory.LazyAttribute(lambda o: o.recruiter.company)
    author = factory.LazyAttribute(lambda o: o.recruiter.user)
    profile = factory.SubFactory(CandidateProfileFactory)
    text = "Profil intéressant, à rappeler."


class ProfileStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileStatus

    company = factory.SubFactory("tests.factories.recruiters.CompanyFactory")
    profile = factory.SubFactory(CandidateProfileFactory)
    status = ProfileStatusValue.RETAINED


class ProfileAccessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileAccess

    class Params:
        recruiter = factory.SubFactory(RecruiterFactory)

    company = factory.LazyAttribute(lambda o: o.recruiter.company)
    user = factory.LazyAttribute(lambda o: o.recruiter.user)
    user_email = factory.LazyAttribute(lambda o: o.recruiter.user.email)
    profile = factory.SubFactory(CandidateProfileFactory)
    kind = AccessKind.PROFILE


class ContactMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactMessage

    class Params:
        recruiter = factory.SubFactory(RecruiterFactory)

    company = factory.LazyAttribute(lambda o: o.recruiter.company)
    sender = factory.LazyAttribute(lambda o: o.recruiter.user)
    profile = factory.SubFactory(CandidateProfileFactory)
    subject = "Poste de technicien"
    body = "Bonjour, votre profil nous intéresse."
