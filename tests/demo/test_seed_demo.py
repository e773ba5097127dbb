import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from portal.candidates.models import CandidateProfile
from portal.demo.catalogue import FAMILIES, LANGUAGES
from portal.demo.seed import CANDIDATE_EMAIL, DEMO_PASSWORD, STAFF_EMAIL
from recruiters.models import Company, Recruiter
from tests.factories import CommuneFactory, DepartmentFactory, LanguageFactory, NafSectorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes():
    CommuneFactory()  # Clermont-Ferrand, 63
    lyon = DepartmentFactory(code="69", name="Rhône")
    CommuneFactory(insee="69123", name="Lyon", department=lyon, population=522_250, latitude=45.758, longitude=4.835)
    # The demo catalogue's sectors and languages, as the reference loader would provide them.
    for code in {code for family in FAMILIES for code in family.sectors}:
        NafSectorFactory(code=code, label=f"Secteur {code}")
    for code, _weight in LANGUAGES:
        LanguageFactory(code=code, name=code)


def test_seed_demo_creates_working_logins_and_profiles_with_cv_text(communes, capsys):
    call_command("seed_demo", candidates=12, companies=2, seed=5)
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out and STAFF_EMAIL in out and CANDIDATE_EMAIL in out

    assert Company.objects.count() == 2
    assert Recruiter.objects.filter(status="approved").count() == 2
    assert CandidateProfile.objects.count() == 12
    with_cv = CandidateProfile.objects.exclude(cv_file="")
    assert with_cv.count() == 12
    assert all(profile.cv_text.strip() for profile in with_cv)
    assert {p.home_commune_id for p in CandidateProfile.objects.all()} <= {"63113", "69123"}

    for email in (STAFF_EMAIL, "recruteur1@vivier.localhost", CANDIDATE_EMAIL):
        assert authenticate(username=email, password=DEMO_PASSWORD) is not None, email


def test_seed_demo_twice_does_not_duplicate(communes):
    call_command("seed_demo", candidates=5, companies=2, seed=5, no_cv_files=True)
    refs = set(CandidateProfile.objects.values_list("external_ref", flat=True))
    call_command("seed_demo", candidates=5, companies=2, seed=5, no_cv_files=True)
    assert set(CandidateProfile.objects.values_list("external_ref", flat=True)) == refs
    assert Company.objects.count() == 2


def test_seed_demo_without_reference_data_says_what_to_do():
    with pytest.raises(CommandError, match="load_reference_data"):
        call_command("seed_demo", candidates=1, companies=1)
