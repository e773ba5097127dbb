"""Every facet count of the engine against a brute-force count over the ORM, on varied random data."""

import random
from datetime import date, timedelta

import pytest
from django.utils import timezone

from portal.candidates.experience import experience_months
from portal.candidates.models import CandidateProfile
from portal.candidates.selectors import visible_profiles, with_details
from portal.reference.choices import ContractType, WorkingTime
from portal.reference.geo import communes_within
from search.choices import ProfileStatusValue
from search.documents import skill_key
from search.facets import FACETS, FACETS_BY_KEY, NOT_STATED, FacetKind, experience_band, mobility_value
from search.text import normalize_text
from tests.factories import CommentFactory, ProfileAccessFactory, ProfileStatusFactory, RecruiterFactory

from .conftest import reindex, search

pytestmark = pytest.mark.django_db

SECTORS = [("22.11Z", "C", "Industrie manufacturière"), ("86.10Z", "Q", "Santé humaine et action sociale"),
           ("47.11F", "G", "Commerce ; réparation d'automobiles et de motocycles"), ("62.01Z", "J", "Information et communication")]
LANGUAGES = [("en", "anglais"), ("es", "espagnol"), ("de", "allemand"), ("ar", "arabe")]
SKILLS = ["GMAO", "Électrotechnique", "électrotechnique", "Soudure TIG", "Excel", "Gestion de projet", "Caces 3",
          "Accueil client", "Pneumatique"]
WORDS = ["technicien", "infirmière", "vendeuse", "comptable", "soudeur"]
HOMES = ["clermont", "riom", "issoire", "vichy", "lyon", "villeurbanne", "saint_etienne", None]


@pytest.fixture
def world(index, make_profile, places):
    rng = random.Random(20261127)
    now = timezone.now()
    today = timezone.localdate()
    for i in range(90):
        experiences = []
        for _ in range(rng.randint(0, 3)):
            start = today - timedelta(days=rng.randint(30, 6000))
            end = None if rng.random() < 0.4 else min(today, start + timedelta(days=rng.randint(31, 2000)))
            experiences.append(("Poste", start, end, ""))
        word = rng.choice(WORDS)
        make_profile(
            headline=f"{word.capitalize()} {i}",
            cv_text=" ".join(rng.sample(WORDS, 2)),
            home=rng.choice(HOMES),
            contract_types=rng.sample(ContractType.values, rng.randint(0, 3)),
            working_time=rng.sample(WorkingTime.values, rng.randint(0, 2)),
            driving_licence=rng.choice([True, False, None]),
            skills=rng.sample(SKILLS, rng.randint(0, 4)),
            available_from=rng.choice([None, today - timedelta(days=5), today, today + timedelta(days=20),
                                       today + timedelta(days=60), today + timedelta(days=150), today + timedelta(days=400)]),
            last_active_at=now - timedelta(days=rng.choice([0, 5, 29, 31, 60, 95, 170, 200, 400, 729, 735, 900])),
            created_at=now - timedelta(days=rng.choice([1, 6, 8, 25, 40, 100, 190, 300, 800])),
            experiences=experiences,
            education=[(rng.choice([None, 3, 4, 5, 6, 7, 8]), "Diplôme") for _ in range(rng.randint(0, 2))],
            languages=rng.sample(LANGUAGES, rng.randint(0, 2)),
            desired=rng.sample([("riom", 0), ("lyon", 30), ("vichy", 60), ("issoire", 15), "43", "69"], rng.randint(0, 2)),
            sectors=rng.sample(SECTORS, rng.randint(0, 2)),
            visible_in_cvtheque=rng.random() > 0.1,
            consent_at=now,
        )
    recruiter = RecruiterFactory()
    other = RecruiterFactory()
    profiles = list(CandidateProfile.objects.order_by("pk"))
    for profile in rng.sample(profiles, 25):
        ProfileAccessFactory(recruiter=recruiter, profile=profile)
    for profile in rng.sample(profiles, 15):
        ProfileStatusFactory(company=recruiter.company, profile=profile,
                             status=rng.choice(ProfileStatusValue.values))
    for profile in rng.sample(profiles, 10):
        CommentFactory(recruiter=recruiter, profile=profile)
    # Another company's annotations must not count.
    for profile in rng.sample(profiles, 20):
        ProfileAccessFactory(recruiter=other, profile=profile)
        CommentFactory(recruiter=other, profile=profile)
        ProfileStatusFactory(company=other.company, profile=profile, status=ProfileStatusValue.RETAINED)
    reindex()
    return recruiter


def brute_values(profile, company, now, today) -> dict[str, set[str]]:
    """The facet values of a profile, computed directly from the ORM."""
    levels = [e.level for e in profile.education.all() if e.level is not None]
    places = list(profile.desired_places.all())
    months = experience_months([(e.start_date, e.end_date) for e in profile.experiences.all()], today=today)
    statuses = dict(ProfileStatusFactory._meta.model.objects.filter(company=company).values_list("profile_id", "status"))
    seen = set(ProfileAccessFactory._meta.model.objects.filter(company=company).values_list("profile_id", flat=True))
    commented = set(CommentFactory._meta.model.objects.filter(company=company).values_list("profile_id", flat=True))
    values = {
        "contract_type": set(profile.contract_types),
        "working_time": set(profile.working_time),
        "diploma": {str(max(levels))} if levels else {NOT_STATED},
        "sector": {s.section for s in profile.sectors.all()},
        "language": {lang.language_id for lang in profile.languages.all()},
        "skill": {skill_key(s) for s in profile.skills},
        "driving_licence": {NOT_STATED if profile.driving_licence is None else ("oui" if profile.driving_licence else "non")},
        "department": {profile.home_commune.department_id} if profile.home_commune else set(),
        "mobility": {mobility_value([p.radius_km for p in places if p.commune_id], any(p.department_id for p in places))},
        "experience": {experience_band(months)},
        "historique": {"vus"} if (profile.pk in seen or profile.pk in statuses) else {"non_vus"},
        "suivi": ({statuses[profile.pk]} - {"vu"} if profile.pk in statuses else set())
        | ({"commente"} if profile.pk in commented else set()),
    }
    for facet in FACETS:
        if facet.kind == FacetKind.SINCE:
            moment = getattr(profile, facet.field)
            values[facet.key] = {b.value for b in facet.bands if moment >= now - timedelta(days=b.days)}
        elif facet.kind == FacetKind.UNTIL:
            day = profile.available_from
            values[facet.key] = {NOT_STATED} if day is None else {
                b.value for b in facet.bands if b.days is not None and day <= today + timedelta(days=b.days)
            }
    return values


def brute_force(company, *, word=None, filters=None, communes=None, departments=frozenset()):
    """Facet counts over the visible profiles matching `word`, `communes` and `filters` (disjunctive)."""
    now, today = timezone.now(), timezone.localdate()
    filters = filters or {}
    rows = []
    for profile in with_details(visible_profiles()):
        if word:
            text = " ".join([profile.headline, profile.cv_text])
            if normalize_text(word)[0] not in normalize_text(text):
                continue
        if communes is not None:
            located = {profile.home_commune_id} | {p.commune_id for p in profile.desired_places.all()}
            wanted_departments = {p.department_id for p in profile.desired_places.all() if p.department_id}
            if not (located & communes or wanted_departments & departments):
                continue
        rows.append(brute_values(profile, company, now, today))

    def passes(values, skip=None):
        return all(values[key] & set(wanted) for key, wanted in filters.items() if key != skip)

    counts = {}
    for facet in FACETS:
        counted = {}
        for values in rows:
            if passes(values, skip=facet.key):
                for value in values[facet.key]:
                    counted[value] = counted.get(value, 0) + 1
        counts[facet.key] = counted
    total = sum(1 for values in rows if passes(values))
    return total, counts


def engine_counts(page):
    return {key: {v: c for v, c in fc.counts.items() if c} for key, fc in page.result.facets.items()}


def nonzero(counts):
    return {key: {v: c for v, c in values.items() if c} for key, values in counts.items()}


def test_every_facet_counts_exactly_over_the_whole_result_set(world):
    page = search(world.user, per_page=10)
    total, expected = brute_force(world.company)
    assert page.total == total > 50
    assert len(page.cards) == 10  # counts are over all results, not the page
    assert engine_counts(page) == nonzero(expected)
    assert set(engine_counts(page)) == {facet.key for facet in FACETS}


@pytest.mark.parametrize("word", ["technicien", "comptable", "infirmier"])
def test_facet_counts_with_words(world, word):
    page = search(world.user, q=word)
    total, expected = brute_force(world.company, word=word)
    assert page.total == total > 0
    assert engine_counts(page) == nonzero(expected)


@pytest.mark.parametrize(
    "filters",
    [
        {"contract_type": ["CDI"]},
        {"contract_type": ["CDI", "STAGE"], "language": ["en"]},
        {"diploma": ["5", NOT_STATED], "driving_licence": ["oui"]},
        {"last_login": ["m3"], "created": ["m1"]},
        {"availability": ["d30", NOT_STATED]},
        {"experience": ["lt1", "5-10"]},
        {"skill": ["electrotechnique"], "working_time": ["PART_TIME"]},
        {"mobility": ["departement", "r50"], "department": ["63", "69"]},
        {"sector": ["Q", "C"]},
        {"historique": ["non_vus"]},
        {"historique": ["vus"], "suivi": ["commente", "retenu"]},
        {"suivi": ["ecarte"], "contract_type": ["CDD"], "last_login": ["y2"]},
    ],
)
def test_ticked_values_narrow_and_other_facets_count_exactly(world, filters):
    options = [f"{key}={value}" for key, values in filters.items() for value in values]
    page = search(world.user, filters=options, per_page=50)
    total, expected = brute_force(world.company, filters=filters)
    assert page.total == total
    assert engine_counts(page) == nonzero(expected)
    # Each ticked value's own count is the number of results it brings with the other filters.
    for key, values in filters.items():
        for group in page.facets:
            if group.facet.key == key:
                assert {o.value for o in group.options if o.selected} == set(values)


@pytest.mark.parametrize("radius", [0, 20, 60, 100])
def test_facet_counts_within_a_radius(world, places, radius):
    circle = set(communes_within(places["clermont"].insee, radius))
    departments = {commune.department_id for commune in places.values() if commune.insee in circle}
    page = search(world.user, places=[f"63113:{radius}"], filters=["contract_type=CDI"])
    total, expected = brute_force(
        world.company, communes=circle, departments=departments, filters={"contract_type": ["CDI"]}
    )
    assert page.total == total > 0
    assert engine_counts(page) == nonzero(expected)


def test_counts_of_company_facets_ignore_other_companies(world):
    page = search(world.user)
    seen = page.result.facets["historique"].counts["vus"]
    other = RecruiterFactory()
    other_page = search(other.user)
    assert other_page.result.facets["historique"].counts["vus"] == 0
    assert other_page.result.facets["suivi"].counts == {"retenu": 0, "contacte": 0, "ecarte": 0, "commente": 0}
    assert seen > 0


def test_facet_groups_show_labels_and_keep_ticked_values(world):
    page = search(world.user, filters=["language=en", "sector=Q"])
    groups = {group.facet.key: group for group in page.facets}
    assert {o.label for o in groups["language"].options} >= {"Anglais"}
    assert any(o.label.startswith("Santé") for o in groups["sector"].options)
    contract = groups["contract_type"].options
    assert [o.count for o in contract] == sorted((o.count for o in contract), reverse=True)
    assert [o.value for o in groups["last_login"].options] == ["y2", "m6", "m3", "m1"] or all(
        o.count for o in groups["last_login"].options
    )
    skill_labels = {o.label for o in groups["skill"].options}
    assert "Électrotechnique" in skill_labels or "électrotechnique" in skill_labels
    assert len(FACETS_BY_KEY) == 15


def test_experience_keeps_counting_after_indexing(index, make_profile, recruiter, monkeypatch):
    today = timezone.localdate()
    month = today.year * 12 + today.month - 1 - 10  # 11 months of experience, both ends counted
    start = date(month // 12, month % 12 + 1, 1)
    make_profile(headline="Cariste", experiences=[("Cariste", start, None, "")])
    reindex()
    assert search(recruiter.user).result.facets["experience"].counts["lt1"] == 1
    later = timezone.now() + timedelta(days=62)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    counts = search(recruiter.user).result.facets["experience"].counts
    assert counts["lt1"] == 0 and counts["1-3"] == 1
