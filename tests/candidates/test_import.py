import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.utils import timezone

from portal.accounts.choices import Role
from portal.accounts.models import User
from portal.candidates import importer
from portal.candidates.forms import ExperienceForm
from portal.candidates.importer import import_profiles
from portal.candidates.models import CandidateProfile, Experience
from portal.candidates.signals import profile_changed
from tests.factories import CandidateProfileFactory, UserFactory
from tests.factories.candidates import docx_bytes, pdf_bytes

PARIS = ZoneInfo("Europe/Paris")
SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "samples" / "profiles-sample.jsonl"


def full_row(**overrides):
    row = {
        "external_ref": "cand-0001",
        "first_name": "Camille",
        "last_name": "Martin",
        "email": "Camille.Martin@Example.org",
        "phone": "06 12 34 56 78",
        "headline": "Technicienne de maintenance industrielle",
        "home_commune": "63113",
        "desired_places": [{"commune": "63113", "radius_km": 30}, {"department": "69"}],
        "desired_jobs": ["Technicien de maintenance"],
        "contract_types": ["CDI", "CDD"],
        "working_time": ["FULL_TIME"],
        "experiences": [
            {
                "title": "Technicienne de maintenance",
                "employer": "Michelin",
                "sector": "22.11Z",
                "start": "2018-03",
                "end": None,
                "description": "Presses de cuisson",
            }
        ],
        "education": [
            {"level": 5, "title": "BTS Maintenance des systèmes", "school": "La Fayette", "year": 2017}
        ],
        "skills": ["Électrotechnique", "GMAO"],
        "languages": [{"code": "en", "level": "B2"}],
        "sectors": ["22.11Z"],
        "driving_licence": True,
        "availability": "2026-12-01",
        "salary_min": 28000,
        "cv_text": "used when there is no file",
        "visible_in_cvtheque": True,
        "last_login": "2026-10-01T10:00:00+02:00",
        "created": "2025-01-01T00:00:00+01:00",
        "updated": "2026-10-01T10:00:00+02:00",
    }
    row.update(overrides)
    return row


def minimal_row(n, **overrides):
    row = {
        "external_ref": f"ref-{n}",
        "first_name": "Prénom",
        "last_name": "Nom",
        "email": f"p{n}@example.org",
    }
    row.update(overrides)
    return row


def write_jsonl(path: Path, rows) -> Path:
    lines = [row if isinstance(row, str) else json.dumps(row, ensure_ascii=False) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stored_cvs() -> set[str]:
    storage = storages["private"]
    return set(storage.listdir("cv")[1]) if storage.exists("cv") else set()


def run_command(path, *args):
    """Run the command as a user would; return (stdout, stderr, returncode)."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_profiles", str(path), *args, stdout=out, stderr=err)
    except CommandError as exc:
        err.write(str(exc))
        return out.getvalue(), err.getvalue(), exc.returncode
    return out.getvalue(), err.getvalue(), 0


@pytest.mark.django_db
def test_full_row_is_imported(reference, tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [full_row()])
    out, err, code = run_command(path)
    assert code == 0, err
    assert "Imported: 1 of 1 rows (1 created, 0 updated, 0 CV file(s) stored); 0 rejected." in out

    profile = CandidateProfile.objects.get(external_ref="cand-0001")
    user = profile.user
    assert user.email == "camille.martin@example.org"
    assert (user.first_name, user.last_name, user.role) == ("Camille", "Martin", Role.CANDIDATE)
    assert not user.has_usable_password()
    assert user.last_login == datetime(2026, 10, 1, 10, tzinfo=PARIS)
    assert user.date_joined == datetime(2025, 1, 1, tzinfo=PARIS)
    assert profile.phone == "+33612345678"
    assert profile.home_commune_id == "63113"
    assert profile.contract_types == ["CDI", "CDD"]
    assert profile.working_time == ["FULL_TIME"]
    assert profile.desired_jobs == ["Technicien de maintenance"]
    assert profile.skills == ["Électrotechnique", "GMAO"]
    assert profile.available_from == date(2026, 12, 1)
    assert profile.driving_licence is True
    assert profile.salary_min == 28000
    assert profile.cv_text == "used when there is no file"
    assert not profile.cv_file
    assert profile.visible_in_cvtheque and profile.consent_at is not None
    assert profile.last_active_at == datetime(2026, 10, 1, 10, tzinfo=PARIS)
    assert profile.created_at == datetime(2025, 1, 1, tzinfo=PARIS)
    assert profile.updated_at == datetime(2026, 10, 1, 10, tzinfo=PARIS)
    assert list(profile.sectors.values_list("code", flat=True)) == ["22.11Z"]
    places = [(p.commune_id, p.radius_km, p.department_id) for p in profile.desired_places.all()]
    assert places == [("63113", 30, None), (None, None, "69")]
    (experience,) = profile.experiences.all()
    assert (experience.title, experience.employer, experience.sector_id) == (
        "Technicienne de maintenance",
        "Michelin",
        "22.11Z",
    )
    assert (experience.start_date, experience.end_date) == (date(2018, 3, 1), None)
    (education,) = profile.education.all()
    assert (education.level, education.title, education.year) == (5, "BTS Maintenance des systèmes", 2017)
    assert [(lang.language_id, lang.level) for lang in profile.languages.all()] == [("en", "B2")]


@pytest.mark.django_db
def test_minimal_row_needs_only_four_fields(reference, tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [minimal_row(1)])
    assert run_command(path)[2] == 0
    profile = CandidateProfile.objects.get(external_ref="ref-1")
    assert not profile.visible_in_cvtheque and profile.consent_at is None
    # Never logged in: activity counts from the creation (the import time here).
    assert profile.last_active_at == profile.created_at
    assert profile.user.last_login is None


@pytest.mark.django_db
def test_bad_rows_are_named_by_line_and_good_rows_still_imported(reference, tmp_path):
    rows = [
        minimal_row(1),
        minimal_row(2, contract_types=["CDII"]),
        "",
        minimal_row(
            4, home_commune="99999", sectors=["2211Z", "99.99Z"], languages=[{"code": "xx", "level": "B2"}]
        ),
        '{"external_ref": "ref-5", "first_name": "A"',
        minimal_row(6, email="not-an-email", working_time="FULL_TIME"),
        {"external_ref": "ref-7", "first_name": "Sans", "last_name": "Adresse"},
        minimal_row(8, experiences=[{"title": "Vendeuse", "start": "2022-05", "end": "2020-01"}]),
        minimal_row(
            9,
            desired_places=[{"commune": "63113", "radius_km": 150}, {"department": "69", "commune": "63113"}],
        ),
        minimal_row(10, gender="F", education=[{"level": 9, "title": "Doctorat ès lettres"}]),
        minimal_row(11, last_login="2999-01-01T00:00:00+01:00", availability="01/12/2026"),
        minimal_row(12),
        minimal_row(13, email="p12@example.org", external_ref="ref-1"),
        "[1, 2]",
    ]
    path = write_jsonl(tmp_path / "in.jsonl", rows)
    out, err, code = run_command(path)
    assert code == 1
    assert "Imported: 2 of 13 rows (2 created, 0 updated" in out
    assert "11 rejected" in out
    assert sorted(CandidateProfile.objects.values_list("external_ref", flat=True)) == ["ref-1", "ref-12"]
    expected = [
        "line 2: contract_types: 'CDII' is not one of CDI, CDD, INTERIM, ALTERNANCE, STAGE, INDEPENDANT",
        "line 4: home_commune: unknown commune code '99999'",
        "line 4: sectors[1]: unknown NAF code '99.99Z'",
        "line 4: languages[0].code: unknown language code 'xx'",
        "line 5: row: invalid JSON: Expecting ',' delimiter (column 44)",
        "line 6: email: 'not-an-email' is not a valid e-mail address",
        "line 6: working_time: must be a list, got 'FULL_TIME'",
        "line 7: email: is required",
        "line 8: experiences[0].end: 2020-01 is before start 2022-05",
        "line 9: desired_places[0].radius_km: 150 is out of range 0–100",
        "line 9: desired_places[1]: give either a commune (with radius_km) or a department, not both or neither",
        "line 10: row: unknown field(s) gender",
        "line 10: education[0].level: 9 is not one of 3, 4, 5, 6, 7, 8 (or null)",
        "line 11: last_login: '2999-01-01T00:00:00+01:00' is in the future",
        "line 11: availability: '01/12/2026' is not a date like 2026-12-01",
        "line 13: external_ref: 'ref-1' already appears on line 1",
        "line 13: email: 'p12@example.org' already appears on line 12",
        "line 14: row: must be a JSON object, got list",
    ]
    for message in expected:
        assert message in err.splitlines(), (message, err)
    assert "11 row(s) rejected" in err
    # The 2211Z spelling (no dot) is understood: only 99.99Z is reported on line 4.
    assert "sectors[0]" not in err


@pytest.mark.django_db
def test_reimport_is_idempotent_and_replaces_child_rows(reference, tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [full_row(), minimal_row(2)])
    assert run_command(path)[2] == 0
    profile = CandidateProfile.objects.get(external_ref="cand-0001")
    ids = (profile.pk, profile.user_id)
    assert run_command(path)[2] == 0
    assert CandidateProfile.objects.count() == 2
    assert User.objects.count() == 2
    assert Experience.objects.count() == 1
    profile.refresh_from_db()
    assert (profile.pk, profile.user_id) == ids

    changed = full_row(
        email="camille.martin@example.net",
        experiences=[
            {"title": "Électromécanicienne", "start": "2015-09", "end": "2017-08"},
            {"title": "Technicienne", "start": "2017-09"},
        ],
        languages=[{"code": "es", "level": "A2"}],
        sectors=[],
        desired_places=[],
        skills=["Automatismes"],
        contract_types=["INTERIM"],
        visible_in_cvtheque=False,
    )
    del changed["salary_min"]
    write_jsonl(path, [changed, minimal_row(2)])
    out, err, code = run_command(path)
    assert code == 0, err
    assert "(0 created, 2 updated" in out
    profile.refresh_from_db()
    assert profile.user.email == "camille.martin@example.net"
    assert sorted(profile.experiences.values_list("title", flat=True)) == [
        "Technicienne",
        "Électromécanicienne",
    ]
    assert Experience.objects.count() == 2
    assert list(profile.languages.values_list("language_id", "level")) == [("es", "A2")]
    assert profile.sectors.count() == 0
    assert profile.desired_places.count() == 0
    assert profile.skills == ["Automatismes"]
    assert profile.contract_types == ["INTERIM"]
    # Left out on re-import: cleared, the row is the whole profile.
    assert profile.salary_min is None
    assert profile.visible_in_cvtheque is False


@pytest.mark.django_db
def test_reimport_keeps_login_and_consent_dates_the_row_leaves_out(reference, tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [full_row()])
    run_command(path)
    profile = CandidateProfile.objects.get()
    consent_at, created_at = profile.consent_at, profile.created_at
    row = full_row()
    for key in ("last_login", "created", "updated"):
        del row[key]
    write_jsonl(path, [row])
    run_command(path)
    profile.refresh_from_db()
    assert profile.consent_at == consent_at
    assert profile.created_at == created_at
    assert profile.last_active_at == datetime(2026, 10, 1, 10, tzinfo=PARIS)
    assert profile.user.last_login == datetime(2026, 10, 1, 10, tzinfo=PARIS)


@pytest.mark.django_db
def test_cv_path_is_relative_to_the_jsonl_file(reference, tmp_path, monkeypatch):
    folder = tmp_path / "export"
    (folder / "cvs").mkdir(parents=True)
    (folder / "cvs" / "camille.pdf").write_bytes(pdf_bytes("Camille Martin", "Technicienne de maintenance"))
    (folder / "cvs" / "karim.docx").write_bytes(docx_bytes("Karim Benali", "Infirmier en réanimation"))
    path = write_jsonl(
        folder / "profiles.jsonl",
        [
            full_row(cv_path="cvs/camille.pdf"),
            minimal_row(2, cv_path="cvs/karim.docx", cv_text="ignored: the file has text"),
        ],
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    out, err, code = run_command(Path("..") / "export" / "profiles.jsonl")
    assert code == 0, err
    assert "2 CV file(s) stored" in out

    camille = CandidateProfile.objects.get(external_ref="cand-0001")
    assert "Technicienne de maintenance" in camille.cv_text
    assert camille.cv_original_name == "camille.pdf"
    assert camille.cv_file.name.startswith("cv/") and camille.cv_file.name.endswith(".pdf")
    assert "camille" not in camille.cv_file.name
    assert camille.cv_uploaded_at == datetime(2026, 10, 1, 10, tzinfo=PARIS)
    assert storages["private"].exists(camille.cv_file.name)
    karim = CandidateProfile.objects.get(external_ref="ref-2")
    assert karim.cv_text.startswith("Karim Benali\nInfirmier en réanimation")
    assert karim.cv_file.name.endswith(".docx")

    # The same files again: nothing is re-stored.
    stored = camille.cv_file.name
    out, _, _ = run_command(path)
    assert "0 CV file(s) stored" in out
    camille.refresh_from_db()
    assert camille.cv_file.name == stored


@pytest.mark.django_db(transaction=True)
def test_new_cv_replaces_the_old_file(reference, tmp_path):
    (tmp_path / "cv.pdf").write_bytes(pdf_bytes("Première version"))
    path = write_jsonl(tmp_path / "in.jsonl", [minimal_row(1, cv_path="cv.pdf")])
    run_command(path)
    first = CandidateProfile.objects.get().cv_file.name
    (tmp_path / "cv.pdf").write_bytes(pdf_bytes("Seconde version"))
    run_command(path)
    profile = CandidateProfile.objects.get()
    assert profile.cv_file.name != first
    assert "Seconde version" in profile.cv_text
    assert storages["private"].exists(profile.cv_file.name)
    assert not storages["private"].exists(first)
    # A row without cv_path drops the file.
    write_jsonl(path, [minimal_row(1, cv_text="texte seul")])
    run_command(path)
    profile.refresh_from_db()
    assert not profile.cv_file and profile.cv_text == "texte seul"
    assert not storages["private"].exists(profile.cv_file.name or "cv/none")


@pytest.mark.django_db
def test_bad_cv_files_are_row_errors(reference, tmp_path):
    (tmp_path / "fake.pdf").write_bytes(b"<html><body>pas un PDF</body></html>")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    path = write_jsonl(
        tmp_path / "in.jsonl",
        [
            minimal_row(1, cv_path="fake.pdf"),
            minimal_row(2, cv_path="missing.pdf"),
            minimal_row(3, cv_path="/etc/passwd"),
            minimal_row(4, cv_path="broken.pdf"),
        ],
    )
    before = stored_cvs()
    _, err, code = run_command(path)
    assert code == 1
    lines = err.splitlines()
    assert "line 1: cv_path: fake.pdf: Format non reconnu : envoyez un PDF, un DOCX ou un ODT." in lines
    assert f"line 2: cv_path: file not found: {tmp_path / 'missing.pdf'}" in lines
    assert "line 3: cv_path: '/etc/passwd' must be relative to the JSONL file" in lines
    assert any(line.startswith("line 4: cv_path: broken.pdf: Le fichier PDF est endommagé") for line in lines)
    assert CandidateProfile.objects.count() == 0
    assert stored_cvs() == before


@pytest.mark.django_db
def test_email_of_another_account_is_a_row_error(reference, tmp_path):
    UserFactory(email="recruteuse@example.org", role=Role.RECRUITER)
    CandidateProfileFactory(external_ref="other", user__email="pris@example.org")
    signed_up = CandidateProfileFactory(external_ref=None, user__email="inscrite@example.org")
    path = write_jsonl(
        tmp_path / "in.jsonl",
        [
            minimal_row(1, email="recruteuse@example.org"),
            minimal_row(2, email="pris@example.org"),
            minimal_row(3, email="inscrite@example.org", headline="Profil repris par l'import"),
        ],
    )
    _, err, code = run_command(path)
    assert code == 1
    lines = err.splitlines()
    assert "line 1: email: 'recruteuse@example.org' belongs to a recruiter account, not a candidate" in lines
    assert (
        "line 2: email: 'pris@example.org' already belongs to the profile with external_ref 'other'" in lines
    )
    # A candidate who signed up on the site is matched by e-mail: the import takes the profile over.
    signed_up.refresh_from_db()
    assert signed_up.external_ref == "ref-3"
    assert signed_up.headline == "Profil repris par l'import"
    assert CandidateProfile.objects.count() == 2


@pytest.mark.django_db
def test_dry_run_writes_nothing(reference, tmp_path):
    (tmp_path / "cv.pdf").write_bytes(pdf_bytes("CV"))
    path = write_jsonl(
        tmp_path / "in.jsonl", [full_row(cv_path="cv.pdf"), minimal_row(2, contract_types=["X"])]
    )
    before = stored_cvs()
    out, err, code = run_command(path, "--dry-run")
    assert code == 1
    assert "Checked (dry run, nothing written): 1 of 2 rows" in out
    assert "line 2: contract_types: 'X' is not one of" in err
    assert CandidateProfile.objects.count() == 0 and User.objects.count() == 0
    assert stored_cvs() == before


@pytest.mark.django_db
def test_one_profile_changed_signal_per_batch(reference, tmp_path, django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, profile_ids, **kwargs):
        received.append(profile_ids)

    profile_changed.connect(receiver)
    try:
        path = write_jsonl(tmp_path / "in.jsonl", [minimal_row(n) for n in range(5)])
        with django_capture_on_commit_callbacks(execute=True):
            report = import_profiles(path, batch_size=2)
    finally:
        profile_changed.disconnect(receiver)
    assert report.created == 5
    assert [len(ids) for ids in received] == [2, 2, 1]
    assert sorted(sum(received, [])) == sorted(CandidateProfile.objects.values_list("pk", flat=True))


@pytest.mark.django_db
def test_progress_is_reported_up_to_the_total(reference, tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [minimal_row(n) for n in range(250)])
    calls = []
    import_profiles(path, on_progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (250, 250)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_missing_file_is_a_clear_command_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_profiles", str(tmp_path / "absent.jsonl"))


@pytest.mark.django_db
def test_sample_in_docs_imports_good_rows_and_names_bad_lines(reference):
    out, err, code = run_command(SAMPLE)
    assert code == 1
    assert sorted(CandidateProfile.objects.values_list("external_ref", flat=True)) == [
        "cand-0001",
        "cand-0002",
        "cand-0003",
        "cand-0004",
        "cand-0010",
        "cand-0012",
    ]
    bad_lines = sorted(
        {int(line.split(":")[0].split()[1]) for line in err.splitlines() if line.startswith("line ")}
    )
    assert bad_lines == [5, 6, 7, 8, 9, 11, 12]
    lines = err.splitlines()
    assert (
        "line 5: contract_types[1]: 'CDII' is not one of CDI, CDD, INTERIM, ALTERNANCE, STAGE, INDEPENDANT"
        in lines
    )
    assert "line 6: home_commune: unknown commune code '99999'" in lines
    assert "line 7: email: is required" in lines
    assert "line 11: external_ref: 'cand-0001' already appears on line 1" in lines
    camille = CandidateProfile.objects.get(external_ref="cand-0001")
    assert "Technicienne de maintenance" in camille.cv_text
    assert camille.cv_file.name.endswith(".pdf")
    assert "Imported: 6 of 13 rows (6 created, 0 updated, 1 CV file(s) stored); 7 rejected." in out


@pytest.mark.django_db
def test_malformed_lines_are_row_errors_and_the_rest_is_imported(reference, tmp_path, monkeypatch):
    """JSON nested deeper than Python's stack, a number too long to convert and a line over the size
    limit are row errors like any other: the lines around them are imported, the progress reaches the
    total."""
    monkeypatch.setattr(importer, "MAX_LINE_BYTES", 8192)
    path = write_jsonl(
        tmp_path / "in.jsonl",
        [
            minimal_row(1),
            "[" * 4000,
            minimal_row(3),
            '{"external_ref": "ref-4", "salary_min": ' + "9" * 5000 + "}",
            json.dumps(minimal_row(5, cv_text="x" * 10_000)),
            minimal_row(6),
        ],
    )
    progress = []
    report = import_profiles(path, on_progress=lambda done, total: progress.append((done, total)))
    assert [error.lines() for error in report.errors] == [
        ["line 2: row: invalid JSON: nested too deeply or a value too large"],
        ["line 4: row: invalid JSON: nested too deeply or a value too large"],
        ["line 5: row: longer than 8 KB, not read"],
    ]
    assert sorted(CandidateProfile.objects.values_list("external_ref", flat=True)) == ["ref-1", "ref-3", "ref-6"]
    assert (report.rows, report.created, progress[-1]) == (6, 3, (6, 6))

    # Through the command: the traceback-free report and the exit status of any rejected row.
    out, err, code = run_command(path)
    assert code == 1
    assert "line 2: row: invalid JSON: nested too deeply or a value too large" in err.splitlines()
    assert "Imported: 3 of 6 rows" in out


@pytest.mark.django_db
def test_cv_path_leaving_the_folder_is_a_row_error(reference, tmp_path):
    folder = tmp_path / "export"
    (folder / "cvs").mkdir(parents=True)
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(pdf_bytes("Document hors du dossier"))
    (folder / "cvs" / "camille.pdf").write_bytes(pdf_bytes("Camille Martin", "Technicienne"))
    (folder / "cvs" / "lien-dehors.pdf").symlink_to(secret)
    (folder / "cvs" / "lien-dedans.pdf").symlink_to(folder / "cvs" / "camille.pdf")
    path = write_jsonl(
        folder / "profiles.jsonl",
        [
            minimal_row(1, cv_path="../secret.pdf"),
            minimal_row(2, cv_path="cvs/../../secret.pdf"),
            minimal_row(3, cv_path="cvs/lien-dehors.pdf"),
            minimal_row(4, cv_path="cvs/lien-dedans.pdf"),
            minimal_row(5, cv_path="cvs/camille.pdf"),
        ],
    )
    before = stored_cvs()
    _, err, code = run_command(path)
    assert code == 1
    assert [line for line in err.splitlines() if line.startswith("line ")] == [
        "line 1: cv_path: '../secret.pdf' leads outside the folder of the JSONL file",
        "line 2: cv_path: 'cvs/../../secret.pdf' leads outside the folder of the JSONL file",
        "line 3: cv_path: 'cvs/lien-dehors.pdf' leads outside the folder of the JSONL file",
    ]
    assert sorted(CandidateProfile.objects.values_list("external_ref", flat=True)) == ["ref-4", "ref-5"]
    assert all("Camille Martin" in profile.cv_text for profile in CandidateProfile.objects.all())
    assert not any("hors du dossier" in profile.cv_text for profile in CandidateProfile.objects.all())
    assert len(stored_cvs() - before) == 2


@pytest.mark.django_db
def test_experience_starting_in_a_future_month_is_refused_as_on_the_form(reference, tmp_path):
    today = timezone.localdate()
    this_month = f"{today:%Y-%m}"
    next_month = f"{today.year + today.month // 12}-{today.month % 12 + 1:02d}"
    experience = {"title": "Soudeuse", "start": next_month}
    path = write_jsonl(
        tmp_path / "in.jsonl",
        [
            minimal_row(1, experiences=[{**experience, "start": this_month}]),
            minimal_row(2, experiences=[{"title": "Soudeuse", "start": "2019-01"}, experience]),
            minimal_row(3),
        ],
    )
    _, err, code = run_command(path)
    assert code == 1
    assert [line for line in err.splitlines() if line.startswith("line ")] == [
        f"line 2: experiences[1].start: {next_month} is in the future: Ce mois n'est pas encore arrivé."
    ]
    assert sorted(CandidateProfile.objects.values_list("external_ref", flat=True)) == ["ref-1", "ref-3"]
    assert Experience.objects.get().start_date == today.replace(day=1)
    # The candidate's form says the same words for the same month.
    form = ExperienceForm(data={"title": "Soudeuse", "start": next_month})
    assert form.errors["start"] == ["Ce mois n'est pas encore arrivé."]
