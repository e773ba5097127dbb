from datetime import date, timedelta

import pytest
from django.utils import timezone

from portal.candidates.models import CandidateProfile
from portal.reference import geo
from search.backends import cvtheque_backend
from search.backends.xapian import forget_readers
from search.criteria import criteria_from_options
from search.indexing import index_profiles
from search.selectors import cvtheque_search
from search.text import build_lexicon, set_default_lexicon, vocabulary_pairs
from tests.factories import (
    CandidateLanguageFactory,
    CandidateProfileFactory,
    CommuneFactory,
    DepartmentFactory,
    DesiredPlaceFactory,
    EducationFactory,
    ExperienceFactory,
    LanguageFactory,
    NafSectorFactory,
    RecruiterFactory,
)


@pytest.fixture(scope="session")
def vocabulary_lexicon():
    return build_lexicon(vocabulary_pairs())


@pytest.fixture(autouse=True)
def default_lexicon_without_database(vocabulary_lexicon):
    # The process-wide lexicon would read JobTitle; these tests pin it to the vocabulary pairs.
    set_default_lexicon(vocabulary_lexicon)
    yield
    set_default_lexicon(None)


@pytest.fixture
def index(db):
    """An empty CVthèque index (real Xapian, in the test settings' temporary directory)."""
    backend = cvtheque_backend()
    backend.clear()
    forget_readers()
    geo.reset()
    yield backend
    backend.clear()
    forget_readers()
    geo.reset()


# Real coordinates, so radius tests measure what the geo helper measures.
COMMUNES = {
    "clermont": ("63113", "Clermont-Ferrand", "63", 45.7797, 3.0863),
    "riom": ("63300", "Riom", "63", 45.8936, 3.1126),
    "issoire": ("63178", "Issoire", "63", 45.5447, 3.2497),
    "vichy": ("03310", "Vichy", "03", 46.1277, 3.4259),
    "lyon": ("69123", "Lyon", "69", 45.7578, 4.8320),
    "villeurbanne": ("69266", "Villeurbanne", "69", 45.7719, 4.8902),
    "saint_etienne": ("42218", "Saint-Étienne", "42", 45.4347, 4.3903),
    "le_puy": ("43157", "Le Puy-en-Velay", "43", 45.0434, 3.8858),
    "aurillac": ("15014", "Aurillac", "15", 44.9264, 2.4397),
}
DEPARTMENT_NAMES = {"63": "Puy-de-Dôme", "03": "Allier", "69": "Rhône", "42": "Loire", "43": "Haute-Loire",
                    "15": "Cantal"}


@pytest.fixture
def places(db):
    communes = {}
    for key, (insee, name, department, latitude, longitude) in COMMUNES.items():
        communes[key] = CommuneFactory(
            insee=insee, name=name, latitude=latitude, longitude=longitude,
            department=DepartmentFactory(code=department, name=DEPARTMENT_NAMES[department]),
        )
    geo.reset()
    return communes


@pytest.fixture
def recruiter(db):
    return RecruiterFactory()


@pytest.fixture
def make_profile(db, places):
    """A visible profile with the given fields; `experiences`, `education`, `languages`, `desired`
    (communes with radius, or department codes) and `sectors` build the related rows."""

    def make(*, experiences=(), education=(), languages=(), desired=(), sectors=(), home="clermont", **fields):
        fields.setdefault("headline", "")
        fields.setdefault("desired_jobs", [])
        fields.setdefault("skills", [])
        fields.setdefault("cv_text", "")
        profile = CandidateProfileFactory(home_commune=places[home] if home else None, **fields)
        for title, start, end, *rest in experiences:
            ExperienceFactory(profile=profile, title=title, start_date=start, end_date=end,
                              description=rest[0] if rest else "")
        for level, title in education:
            EducationFactory(profile=profile, level=level, title=title)
        for code, name in languages:
            CandidateLanguageFactory(profile=profile, language=LanguageFactory(code=code, name=name))
        for place in desired:
            if isinstance(place, tuple):
                DesiredPlaceFactory(profile=profile, commune=places[place[0]], radius_km=place[1])
            else:
                DesiredPlaceFactory(profile=profile, commune=None, radius_km=None,
                                    department=DepartmentFactory(code=place, name=DEPARTMENT_NAMES.get(place, place)))
        if sectors:
            profile.sectors.set([NafSectorFactory(code=code, section=section, section_label=label)
                                 for code, section, label in sectors])
        return profile

    return make


def reindex(*profiles):
    """Index the given profiles (or every profile) as the update task does."""
    ids = [p.pk for p in profiles] or list(CandidateProfile.objects.values_list("pk", flat=True))
    return index_profiles(profile_ids=ids)


def search(user, **options):
    """The CVthèque search as the admin page runs it; options as on the command line."""
    criteria = criteria_from_options(**options)
    assert not criteria.errors, criteria.errors
    return cvtheque_search(user=user, criteria=criteria)


def refs(page):
    return {card.profile.headline for card in page.cards}


def years_ago(years: float) -> date:
    return timezone.localdate() - timedelta(days=int(years * 365.25))
