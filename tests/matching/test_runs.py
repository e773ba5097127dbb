"""The match run (services), its audit log, dismissals, transfers and the `match` command."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from matching.models import Dismissal, MatchRun, ProfileTransfer
from matching.selectors import match_runs_for
from matching.services import MatchError, dismissal_set, match_run, profile_transfer
from tests.factories import (
    CandidateLanguageFactory,
    CandidateProfileFactory,
    CommuneFactory,
    DesiredPlaceFactory,
    EducationFactory,
    ExperienceFactory,
    LanguageFactory,
    RecruiterFactory,
)
from tests.factories.candidates import docx_bytes

pytestmark = pytest.mark.django_db

CRITERIA = {
    "job_titles": ["Contrôleur de gestion"],
    "min_years": 3,
    "diploma_level": 7,
    "commune": "63113",
    "radius_km": 30,
    "contract_types": ["CDI"],
    "working_time": "FULL_TIME",
    "skills": ["Excel", "SAP"],
    "languages": [{"code": "en", "level": "B2"}],
}


@pytest.fixture
def profiles():
    english = LanguageFactory(code="en", name="Anglais")
    good = CandidateProfileFactory(external_ref="GOOD", skills=["Excel", "SAP"])
    ExperienceFactory(profile=good, title="Contrôleuse de gestion", start_date=date(2015, 1, 1))
    EducationFactory(profile=good, level=7)
    CandidateLanguageFactory(profile=good, language=english, level="C1")
    DesiredPlaceFactory(profile=good)
    weak = CandidateProfileFactory(external_ref="WEAK", skills=["Soudure"], contract_types=["INTERIM"],
                                   working_time=["PART_TIME"])
    ExperienceFactory(profile=weak, title="Soudeur", start_date=date(2024, 1, 1))
    return good, weak


@pytest.fixture
def recruiter():
    return RecruiterFactory().user


def test_run_ranks_records_and_explains(profiles, recruiter):
    good, weak = profiles
    outcome = match_run(criteria=CRITERIA, user=recruiter, threshold=0)
    page = outcome.page()
    assert [match.profile_id for match in page] == [good.pk, weak.pk]
    assert page[0].percent == 100 and page[0].state_names["experience"] == "found"
    assert page[1].state_names["contract_types"] == "not_found"
    run = outcome.run
    assert run.company == recruiter.recruiter.company and run.user_email == recruiter.email
    assert run.criteria == CRITERIA and run.threshold == 0 and run.result_count == 2 and run.total == 2
    assert run.top_results[0] == [good.pk, 100.0]
    assert run.weights["experience"] == 3.0
    explanations = outcome.explanations()
    assert explanations[0][0].message == "Élément trouvé dans le profil candidat"


def test_threshold_and_required_criteria(profiles, recruiter):
    good, _weak = profiles
    assert match_run(criteria=CRITERIA, user=recruiter).count == 1  # default 50 %
    outcome = match_run(criteria=CRITERIA, user=recruiter, threshold=0, required=["working_time"])
    assert outcome.count == 1
    assert [(step.criterion, step.removed, step.remaining) for step in outcome.result.funnel] == [("working_time", 1, 1)]
    assert outcome.run.required == ["working_time"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"criteria": {"salary": 3}}, "Critère inconnu : « salary »"),
        ({"criteria": {}}, "Indiquez au moins un critère"),
        ({"criteria": {"commune": "99999"}}, "Commune inconnue"),
        ({"criteria": {"diploma_level": 12}}, "niveau de diplôme"),
        ({"criteria": {"skills": ["Excel"]}, "required": ["diploma"]}, "indispensable"),
        ({"criteria": {"skills": ["Excel"]}, "threshold": 150}, "seuil"),
        ({"criteria": {"skills": ["Excel"]}, "weights": {"skills": -1}}, "poids"),
        ({"criteria": {"skills": ["Excel"]}, "sort": "name"}, "Tri inconnu"),
        ({"criteria": "Excel"}, "objet JSON"),
    ],
)
def test_bad_input_is_refused_in_french_and_not_recorded(profiles, recruiter, kwargs, message):
    with pytest.raises(MatchError, match=message):
        match_run(user=recruiter, **kwargs)
    assert not MatchRun.objects.exists()


def test_dismissal_hides_a_profile_for_this_search_only(profiles, recruiter):
    good, _weak = profiles
    outcome = match_run(criteria=CRITERIA, user=recruiter, threshold=0)
    dismissal_set(user=recruiter, profile=good, search_key=outcome.search_key, dismissed=True)
    assert [m.profile_id for m in match_run(criteria=CRITERIA, user=recruiter, threshold=0).page()] == [profiles[1].pk]
    other_search = dict(CRITERIA, min_years=1)
    assert good.pk in [m.profile_id for m in match_run(criteria=other_search, user=recruiter, threshold=0).page()]
    colleague_elsewhere = RecruiterFactory().user
    assert good.pk in [m.profile_id for m in match_run(criteria=CRITERIA, user=colleague_elsewhere, threshold=0).page()]
    dismissal_set(user=recruiter, profile=good, search_key=outcome.search_key, dismissed=False)
    assert not Dismissal.objects.exists()
    with pytest.raises(ValidationError):
        dismissal_set(user=recruiter, profile=good, search_key="nonsense", dismissed=True)


def test_transfer_is_logged_and_mailed(profiles, recruiter, django_capture_on_commit_callbacks):
    good, _weak = profiles
    with django_capture_on_commit_callbacks(execute=True):
        profile_transfer(user=recruiter, profile=good, recipient="collegue@example.org", message="À voir",
                         profile_url="https://vivier.example/p/1")
    (message,) = mail.outbox
    assert message.to == ["collegue@example.org"] and "À voir" in message.body
    assert "https://vivier.example/p/1" in message.body and good.user.email not in message.body
    transfer = ProfileTransfer.objects.get()
    assert transfer.recipient == "collegue@example.org" and transfer.company == recruiter.recruiter.company
    with pytest.raises(ValidationError, match="Adresse e-mail"):
        profile_transfer(user=recruiter, profile=good, recipient="pas une adresse")
    assert ProfileTransfer.objects.count() == 1


def test_runs_are_scoped_to_the_company(profiles, recruiter):
    match_run(criteria=CRITERIA, user=recruiter)
    other = RecruiterFactory().user
    assert match_runs_for(user=recruiter).count() == 1
    assert match_runs_for(user=other).count() == 0


def run_command(*args):
    out = StringIO()
    call_command("match", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_command_with_criteria_file(profiles, tmp_path):
    path = tmp_path / "criteria.json"
    path.write_text(json.dumps(CRITERIA), encoding="utf-8")
    payload = run_command("--criteria", str(path), "--threshold", "0", "--limit", "5")
    assert payload["count"] == 2 and payload["elapsed_ms"] >= 0
    assert [item["external_ref"] for item in payload["results"]] == ["GOOD", "WEAK"]
    assert payload["results"][0]["score"] == 100
    assert set(payload["results"][0]["criteria"]) == {
        "experience", "diploma", "desired_places", "home_place", "working_time", "contract_types", "skills", "languages"}
    required = run_command("--criteria", str(path), "--threshold", "0", "--require", "working_time")
    assert [item["external_ref"] for item in required["results"]] == ["GOOD"]
    weights = tmp_path / "weights.json"
    weights.write_text(json.dumps({"experience": 0, "diploma": 0, "skills": 0, "languages": 0,
                                   "contract_types": 0, "working_time": 0, "home_place": 1, "desired_places": 0}))
    same = run_command("--criteria", str(path), "--threshold", "0", "--weights", str(weights))
    assert {item["score"] for item in same["results"]} == {100}
    assert MatchRun.objects.filter(source="command").count() == 3


def test_command_with_offer_file(profiles, tmp_path):
    CommuneFactory()
    path = tmp_path / "offre.docx"
    path.write_bytes(docx_bytes("Contrôleuse de gestion", "CDI, temps plein, Clermont-Ferrand (63)"))
    payload = run_command("--offer-file", str(path), "--threshold", "0")
    assert payload["results"][0]["external_ref"] == "GOOD"
    assert MatchRun.objects.get().file_name == "offre.docx"


def test_command_errors(profiles, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(CommandError, match="pas du JSON valide"):
        run_command("--criteria", str(bad))
    unknown = tmp_path / "unknown.json"
    unknown.write_text(json.dumps({"age": 30}))
    with pytest.raises(CommandError, match="Critère inconnu"):
        run_command("--criteria", str(unknown))
    with pytest.raises(CommandError, match="Offre inconnue"):
        run_command("--offer", "999999")
    with pytest.raises(CommandError, match="Impossible de lire"):
        run_command("--criteria", str(tmp_path / "missing.json"))
