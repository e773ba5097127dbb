"""The hand-written demo world: real places of the region, jobs that fit each sector, publishable pages."""

import io
import struct
from datetime import date

import filetype
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from PIL import Image

from cms.choices import BANNER_RULE, LOGO_RULE, Benefit
from cms.validators import SocialUrlValidator, word_count
from portal.demo.companies import COMPANIES, PENDING_COMPANY, REGION_DEPARTMENTS, social_url
from portal.demo.images import MOTIFS, banner_jpeg, figures_jpeg, logo_png
from portal.demo.people import PeopleGenerator
from portal.demo.seed import siren_for, world_communes
from portal.demo.trades import TRADES, titles_for_naf, trade_for_naf
from portal.demo.webm import grey_webm
from portal.reference import sources
from portal.reference.job_titles import JOB_TITLES
from recruiters.validators import validate_siren

VOCABULARY = {title for titles in JOB_TITLES.values() for pair in titles for title in pair}


def test_places_are_real_communes_of_auvergne_rhone_alpes(reference_communes):
    assert set(reference_communes) == world_communes()
    for spec in COMPANIES:
        for insee, name in spec.towns:
            record = reference_communes[insee]
            assert record.name == name, (insee, record.name, name)
            assert record.department_code in REGION_DEPARTMENTS
            assert record.latitude is not None
    assert reference_communes[PENDING_COMPANY["insee"]].department_code in REGION_DEPARTMENTS
    # The world spans the whole region, not one city.
    assert {spec.insee[:2] for spec in COMPANIES} == set(REGION_DEPARTMENTS)


def test_every_job_title_is_in_the_vocabulary_and_every_naf_code_exists():
    naf_codes = {record.code for record in sources.read_naf_sectors()}
    for trade in TRADES:
        assert set(trade.naf_codes) <= naf_codes, trade.key
        for job in trade.jobs:
            assert job.masculine in VOCABULARY and job.feminine in VOCABULARY, job.masculine
            assert job.salary[0] < job.salary[1] and len(job.missions) >= 4 and len(job.skills) >= 4
    assert {spec.naf for spec in COMPANIES} | {PENDING_COMPANY["naf"]} <= naf_codes
    all_codes = [code for trade in TRADES for code in trade.naf_codes]
    assert len(all_codes) == len(set(all_codes)), "a NAF code belongs to one trade only"


def test_companies_recruit_for_the_jobs_of_their_sector():
    for spec in COMPANIES:
        assert trade_for_naf(spec.naf) is spec.trade, spec.key
        for opening in spec.openings:
            job = spec.trade.job(opening.job)
            assert {job.masculine, job.feminine} <= titles_for_naf(spec.naf)
            assert 0 <= opening.town < len(spec.towns)


@pytest.mark.parametrize(
    ("naf", "title", "fits"),
    [
        ("69.20Z", "Pâtissier", False),  # an accounting firm
        ("86.10Z", "Boucher", False),  # a clinic
        ("86.10Z", "Boulanger", False),
        ("62.02A", "Cuisinier", False),
        ("69.20Z", "Collaboratrice comptable", True),
        ("10.71C", "Pâtissière", True),
        ("86.10Z", "Infirmière", True),
        ("25.62A", "Régleuse", True),
    ],
)
def test_the_sector_mapping_keeps_jobs_where_they_belong(naf, title, fits):
    assert (title in titles_for_naf(naf)) is fits
    assert titles_for_naf("99.99Z") == set()


def test_company_texts_are_publishable():
    sirens = set()
    for spec in COMPANIES:
        html = "".join(f"<p>{paragraph}</p>" for paragraph in spec.description)
        assert word_count(html) >= 150, spec.key
        assert len(spec.tagline) <= 160 and 1 <= len(spec.news) <= 3
        kinds = [kind for kind, _detail in spec.benefits]
        assert len(kinds) == len(set(kinds)) and set(kinds) <= set(Benefit.values)
        assert all(detail and len(detail) <= 140 for _kind, detail in spec.benefits)
        for field_name, handle in spec.socials:
            SocialUrlValidator(field_name)(social_url(field_name, handle))
        siren = siren_for(spec.key)
        validate_siren(siren)
        sirens.add(siren)
    assert len(sirens) == len(COMPANIES)
    valid = siren_for(COMPANIES[0].key)
    with pytest.raises(ValidationError):  # the check digit is really checked
        validate_siren(valid[:8] + str((int(valid[8]) + 1) % 10))


@pytest.mark.parametrize("motif", sorted(MOTIFS))
def test_generated_banner_and_logo_meet_the_publication_rule(motif):
    spec = COMPANIES[0]
    brand = type(spec.brand)(spec.brand.primary, spec.brand.secondary, motif)
    for data, rule in ((banner_jpeg(name=spec.name, subtitle="Cluses · Haute-Savoie", brand=brand), BANNER_RULE),
                       (logo_png(name=spec.name, brand=brand), LOGO_RULE)):
        assert len(data) <= rule.max_bytes
        with Image.open(io.BytesIO(data)) as picture:
            assert picture.size == (rule.width, rule.height) and picture.format in {"JPEG", "PNG"}


def test_key_figures_picture():
    spec = next(spec for spec in COMPANIES if spec.figures)
    data = figures_jpeg(title=f"{spec.name} en chiffres", figures=spec.figures, brand=spec.brand)
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.format == "JPEG" and picture.size == (1200, 630)
    assert len(data) <= 200 * 1024


def test_grey_webm_is_a_webm_of_the_asked_duration():
    data = grey_webm(seconds=12.5)
    assert filetype.guess(data[:8192]).mime == "video/webm"
    assert b"V_VP8" in data
    duration_at = data.index(b"\x44\x89") + 3  # Duration element: id, one-byte size (8), float64
    assert struct.unpack(">d", data[duration_at : duration_at + 8])[0] == 12_500.0
    # One key frame a second; each starts with the VP8 key-frame start code.
    assert data.count(b"\x9d\x01\x2a") == 13
    with pytest.raises(ValueError):
        grey_webm(seconds=0)


def test_people_are_deterministic_complete_and_live_near_their_company():
    generator = PeopleGenerator(seed=3, companies=COMPANIES, today=date(2026, 11, 1))
    people = [generator.person(i) for i in range(64)]
    # Candidate n is the same whatever else is generated, and in whatever order.
    other = PeopleGenerator(seed=3, companies=COMPANIES, today=date(2026, 11, 1))
    assert people == [other.person(i) for i in reversed(range(64))][::-1]
    assert people[5] != PeopleGenerator(seed=4, companies=COMPANIES, today=date(2026, 11, 1)).person(5)
    by_key = {spec.key: spec for spec in COMPANIES}
    for row, person in people:
        spec = by_key[person.company]
        assert row["home_commune"] in {insee for insee, _ in spec.towns}
        assert row["desired_jobs"] == [person.job]
        assert row["experiences"] and row["education"] and row["skills"] and row["languages"]
        titles = {title for job in spec.trade.jobs for title in (job.masculine, job.feminine)}
        assert all(experience["title"] in titles for experience in row["experiences"])
        assert not {"gender", "age", "birth_date", "photo", "nationality"} & set(row)
    assert {person.feminine for _row, person in people} == {True, False}
    assert len({row["email"] for row, _person in people}) == len(people)
    assert people[0][1].email == "candidate@vivier.localhost"


@pytest.mark.django_db
def test_seed_demo_without_reference_data_says_what_to_do():
    with pytest.raises(CommandError, match="load_reference_data"):
        call_command("seed_demo", candidates=1, companies=1)
