"""Matching views in the recruiter space: search, JSON for the slider, offers, upload, candidate page
with its actions; bad input gets French messages (no 500); other companies' objects answer 404."""

from datetime import date
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from matching.models import Dismissal, MatchRun, ProfileTransfer
from search.models import Comment, FolderProfile, ProfileAccess
from tests.factories import (
    CandidateProfileFactory,
    CommuneFactory,
    DesiredPlaceFactory,
    EducationFactory,
    ExperienceFactory,
    RecruiterFactory,
)
from tests.factories.candidates import docx_bytes, pdf_bytes
from tests.factories.offers import JobOfferFactory

pytestmark = pytest.mark.django_db

SEARCH = "/admin/matching/recherche/"
JSON = "/admin/matching/recherche/resultats.json"
QUERY = {"job_titles": "Contrôleur de gestion", "min_years": "3", "commune": "63113", "contract_types": "CDI"}


@pytest.fixture
def recruiter(client):
    recruiter = RecruiterFactory()
    client.force_login(recruiter.user)
    return recruiter


@pytest.fixture
def profiles():
    CommuneFactory()
    made = []
    for index in range(6):
        profile = CandidateProfileFactory(headline=f"Profil {index}", contract_types=["CDI"] if index % 2 else ["CDD"])
        ExperienceFactory(profile=profile, title="Contrôleuse de gestion" if index < 4 else "Soudeur",
                          start_date=date(2026 - 2 * index, 1, 1))
        EducationFactory(profile=profile)
        made.append(profile)
    return made


def test_criteria_search_lists_ranked_profiles(client, recruiter, profiles, django_assert_max_num_queries):
    client.get(SEARCH, QUERY)  # warm the process-wide matrix
    with django_assert_max_num_queries(30):  # constant: the page of 30 costs the same as this one
        response = client.get(SEARCH, {**QUERY, "threshold": "0"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Profil 1" in html and "threshold-slider" in html
    assert MatchRun.objects.filter(company=recruiter.company).count() == 2


def test_json_follows_the_threshold_and_required_criteria(client, recruiter, profiles):
    everyone = client.get(JSON, {**QUERY, "threshold": "0"}).json()
    assert everyone["count"] == 6 and everyone["results"][0]["percent"] >= everyone["results"][-1]["percent"]
    strict = client.get(JSON, {**QUERY, "threshold": "90"}).json()
    assert strict["count"] < 6 and all(row["percent"] >= 90 for row in strict["results"])
    required = client.get(JSON, {**QUERY, "threshold": "0", "required": "contract_types"}).json()
    assert required["count"] == 3
    assert required["funnel"] == [{"criterion": "contract_types", "label": "Types de contrat", "removed": 3, "remaining": 3}]
    assert "email" not in str(required["results"][0]) and set(required["results"][0]) >= {"percent", "years", "last_login", "seen"}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"commune": "99999"}, "Commune inconnue"),
        ({"min_years": "beaucoup"}, "Saisissez un nombre entier"),
        ({"skills": "Excel", "required": "diploma"}, "indispensable"),
        ({"skills": "Excel", "threshold": "300"}, "100"),
        ({"languages": "anglais courant!"}, "Langue illisible"),
        ({"sectors": "conseil"}, "Secteur inconnu"),
        ({"offer": "abc"}, "nombre entier"),
        ({"skills": "Excel", "sort": "age"}, "Sélectionnez un choix valide"),
    ],
)
def test_bad_input_is_explained_in_french(client, recruiter, profiles, params, message):
    response = client.get(JSON, params)
    assert response.status_code == 400
    assert message in str(response.json())
    page = client.get(SEARCH, params)
    assert page.status_code in (200, 400) and message in page.content.decode()
    assert not MatchRun.objects.exists()


def test_empty_search_asks_for_a_criterion(client, recruiter, profiles):
    assert client.get(JSON, {"skills": ""}).json()["error"] == "Indiquez au moins un critère de recherche."


def test_candidate_page_with_matching_tab_and_access_log(client, recruiter, profiles):
    profile = profiles[1]
    response = client.get(f"/admin/matching/profil/{profile.pk}/", QUERY)
    html = response.content.decode()
    assert response.status_code == 200
    for word in ("Matching", "Commentaires", "Historique", "E-mail", "Retenir", "Écarter", "Contacter", "Transférer",
                 "Élément trouvé dans le profil candidat", "Expériences"):
        assert word in html, word
    assert ProfileAccess.objects.filter(company=recruiter.company, profile=profile).count() == 1
    listing = client.get(JSON, {**QUERY, "threshold": "0"}).json()
    assert next(row for row in listing["results"] if row["id"] == profile.pk)["seen"] is True


def test_actions_retain_dismiss_comment_transfer(client, recruiter, profiles, mailoutbox):
    profile = profiles[1]
    url = f"/admin/matching/profil/{profile.pk}/?" + "&".join(f"{k}={v}" for k, v in QUERY.items())
    page = client.get(url)
    search_key = page.context["search_key"]
    refused = client.post(url, {"action": "retain", "folder": "", "new_folder": ""})
    assert refused.status_code == 400 and "Choisissez un dossier ou donnez un nom au nouveau dossier." in refused.content.decode()
    assert client.post(url, {"action": "retain", "new_folder": "Matching"}).status_code == 302
    assert FolderProfile.objects.get(profile=profile, folder__company=recruiter.company).folder.name == "Matching"
    client.post(url, {"action": "dismiss", "search_key": search_key})
    assert Dismissal.objects.filter(company=recruiter.company, profile=profile).exists()
    ids = [row["id"] for row in client.get(JSON, {**QUERY, "threshold": "0"}).json()["results"]]
    assert profile.pk not in ids
    client.post(url, {"action": "restore", "search_key": search_key})
    assert not Dismissal.objects.exists()
    client.post(url, {"action": "comment", "text": "Très bon profil"})
    assert Comment.objects.get().company == recruiter.company
    client.post(url, {"action": "transfer", "recipient": "chef@example.org", "message": ""})
    assert ProfileTransfer.objects.get().recipient == "chef@example.org"
    # bad input: French message, nothing stored
    bad = client.post(url, {"action": "transfer", "recipient": "chef"})
    assert bad.status_code == 400 and "Adresse e-mail du destinataire invalide" in bad.content.decode()
    assert client.post(url, {"action": "comment", "text": ""}).status_code == 400
    assert client.post(url, {"action": "dismiss", "search_key": "x"}).status_code == 400
    assert client.post(url, {"action": "explode"}).status_code == 400
    assert ProfileTransfer.objects.count() == 1 and Comment.objects.count() == 1 and not Dismissal.objects.exists()


def test_another_companys_objects_are_invisible(client, recruiter, profiles):
    other = RecruiterFactory()
    client.force_login(other.user)
    profile = profiles[1]
    client.get(SEARCH, QUERY)
    client.post(f"/admin/matching/profil/{profile.pk}/", {"action": "comment", "text": "Chez l'autre"})
    client.force_login(recruiter.user)
    page = client.get(f"/admin/matching/profil/{profile.pk}/?tab=commentaires")
    assert "Chez l&#x27;autre" not in page.content.decode() and "Chez l'autre" not in page.content.decode()
    history = client.get(f"/admin/matching/profil/{profile.pk}/?tab=historique").content.decode()
    assert other.user.email not in history
    hidden = CandidateProfileFactory(hidden=True)
    assert client.get(f"/admin/matching/profil/{hidden.pk}/").status_code == 404
    assert client.get(f"/admin/matching/profil/{hidden.pk}/cv/").status_code == 404


def test_only_validated_recruiters_get_in(client, profiles):
    assert client.get(SEARCH).status_code == 302  # anonymous: login
    pending = RecruiterFactory(pending=True)
    client.force_login(pending.user)
    assert client.get(JSON, QUERY).status_code in (302, 403)


def test_upload_extracts_criteria_for_correction(client, recruiter, profiles):
    CommuneFactory()
    offer = docx_bytes("Contrôleuse de gestion H/F", "Lieu : Clermont-Ferrand (63)", "CDI, temps plein",
                       "Bac+5, 3 ans d'expérience minimum")
    response = client.post("/admin/matching/charger/", {"file": SimpleUploadedFile("offre.docx", offer)})
    assert response.status_code == 302 and "extracted=1" in response.url
    page = client.get(response.url)
    html = page.content.decode()
    assert "vérifiez-les" in html and "Contrôleur de gestion" in html and "Lancer la recherche" in html
    assert not MatchRun.objects.exists()  # nothing runs before the recruiter confirms
    typed = client.post("/admin/matching/charger/", {"text": "Soudeur en CDD à Clermont-Ferrand (63)"})
    assert typed.status_code == 302
    for data, message in [({}, "Choisissez un fichier"),
                          ({"file": SimpleUploadedFile("x.bin", b"\x00\x01\x02" * 10)}, "Les fichiers .bin ne sont pas"),
                          ({"file": SimpleUploadedFile("x", b"\x00\x01\x02" * 10)}, "Format non reconnu"),
                          ({"file": SimpleUploadedFile("x.pdf", b"Soudeur en CDD")}, "n&#x27;est pas un PDF"),
                          ({"file": SimpleUploadedFile("x.pdf", pdf_bytes("Bonjour"))}, "Aucun critère"),
                          ({"file": SimpleUploadedFile("big.txt", b"a" * (2 * 1024 * 1024 + 1))}, "2 Mo")]:
        bad = client.post("/admin/matching/charger/", data)
        assert bad.status_code == 400 and message in bad.content.decode(), message


def test_menu_shows_the_three_entries(client, recruiter):
    html = client.get("/admin/").content.decode()
    for text in ("/admin/matching/", "/admin/matching/charger/", "/admin/matching/recherche/", "Charger une offre",
                 "Recherche matching"):
        assert text in html, text


def test_offers_list_and_offer_button(client, recruiter, profiles):
    offer = JobOfferFactory(company=recruiter.company, title="Contrôleur de gestion H/F",
                            job_titles=["Contrôleur de gestion"], skills=["Excel"], min_years=3)
    foreign = JobOfferFactory(title="Offre d'une autre entreprise")
    listing = client.get("/admin/matching/")
    html = listing.content.decode()
    assert "Contrôleur de gestion H/F" in html and "Offre d&#x27;une autre entreprise" not in html
    button = client.get(f"/admin/matching/offre/{offer.pk}/")
    assert button.status_code == 302 and f"offer={offer.pk}" in button.url
    results = client.get(button.url.replace("/recherche/?", "/recherche/resultats.json?") + "&threshold=0").json()
    assert results["count"] == 6
    run = MatchRun.objects.filter(offer_id=offer.pk).latest("pk")
    assert run.source == "offer" and run.search_key == f"offer:{offer.pk}" and run.criteria["min_years"] == 3
    assert client.get(f"/admin/matching/offre/{foreign.pk}/").status_code == 404
    assert client.get(JSON, {**QUERY, "offer": foreign.pk}).status_code == 404
    # the command line maps the same criteria
    out = StringIO()
    call_command("match", "--json", "--offer", str(offer.pk), "--threshold", "0", stdout=out)
    assert '"count": 6' in out.getvalue()


def test_importance_changes_the_weights(client, recruiter, profiles):
    only_contract = {f"importance_{name}": "0" for name in ("experience", "home_place", "desired_places")}
    results = client.get(JSON, {**QUERY, "threshold": "0", **only_contract}).json()["results"]
    assert {row["percent"] for row in results} == {50, 100}  # contract type alone decides (CDD is next to CDI)
    run = MatchRun.objects.latest("pk")
    assert run.weights["experience"] == 0 and run.weights["contract_types"] == 1
    doubled = client.get(JSON, {**QUERY, "threshold": "0", "importance_contract_types": "3"}).json()
    assert MatchRun.objects.latest("pk").weights["contract_types"] == 3
    assert doubled["results"] != results
    bad = client.get(JSON, {**QUERY, "importance_skills": "9"})
    assert bad.status_code == 400 and "Sélectionnez un choix valide" in str(bad.json())


def test_slider_moves_update_the_searchs_audit_row(client, recruiter, profiles):
    client.get(SEARCH, QUERY)
    [run] = MatchRun.objects.all()
    assert run.adjustments[0][1:] == [50.0, "score", run.result_count]
    for threshold, sort in (("0", "score"), ("30", "last_login"), ("100", "score")):
        data = client.get(JSON, {**QUERY, "threshold": threshold, "sort": sort, "run": run.pk}).json()
        assert data["run"] == run.pk
    [run] = MatchRun.objects.all()  # one row per search, the latest state on it, every state logged
    assert run.threshold == 100 and run.result_count == data["count"]
    assert [step[1:3] for step in run.adjustments] == [[50.0, "score"], [0.0, "score"], [30.0, "last_login"],
                                                       [100.0, "score"]]
    assert run.user == recruiter.user and run.criteria["job_titles"] == ["Contrôleur de gestion"]

    # Another search, or somebody else's run id, gets a row of its own; the first row is left alone.
    client.get(JSON, {**QUERY, "min_years": "1", "run": run.pk})
    colleague = RecruiterFactory(company=recruiter.company)
    client.force_login(colleague.user)
    client.get(JSON, {**QUERY, "threshold": "10", "run": run.pk})
    client.get(JSON, {**QUERY, "run": "9" * 40})
    assert MatchRun.objects.count() == 4
    run.refresh_from_db()
    assert run.threshold == 100 and len(run.adjustments) == 4


def test_staff_export_of_the_audit_log(client, recruiter, profiles, admin_user):
    client.get(SEARCH, QUERY)
    run = MatchRun.objects.get()
    client.get(JSON, {**QUERY, "threshold": "20", "run": run.pk})
    client.force_login(admin_user)
    response = client.get("/admin/matching/matchrun/", {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    header, row = content.splitlines()[:2]
    assert "Réglages Successifs" in header and "Meilleurs Résultats" in header
    assert recruiter.user.email in row and '""job_titles"":[""Contrôleur de gestion""]' in row
    assert ',20.0,""score"",' in row  # the slider move, logged in the search's row
    xlsx = client.get("/admin/matching/matchrun/", {"export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_matching_tab_names_each_place_once(client, recruiter, profiles):
    profile = profiles[1]
    clermont = CommuneFactory()
    DesiredPlaceFactory(profile=profile, commune=clermont, radius_km=20)
    DesiredPlaceFactory(profile=profile, commune=None, radius_km=None, department=clermont.department)
    response = client.get(f"/admin/matching/profil/{profile.pk}/", {**QUERY, "radius_km": "30"})
    html = response.content.decode()
    places = html.split('<th scope="row">Lieux souhaités</th>')[1].split("</tr>")[0]
    asked, detail = [cell.split("</td>")[0] for cell in places.split("<td>")[1:3]]
    assert asked == "Clermont-Ferrand (63)"  # was "Clermont-Ferrand (63) ; départements 63"
    assert detail.startswith("Clermont-Ferrand (63) (rayon 20 km)") and detail.endswith(" ; tout le département 63")


def test_hand_written_panel_and_rows_escape_what_they_show(client, recruiter, profiles):
    profiles[1].headline = "<b>Contrôleuse</b> & co"
    profiles[1].save()
    response = client.get(SEARCH, {**QUERY, "threshold": "0", "skills": '"><script>alert(1)</script>'})
    html = response.content.decode()
    assert "<script>alert(1)" not in html and "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Contrôleuse&lt;/b&gt; &amp; co" in html and "<b>Contrôleuse" not in html
    assert 'id="id_contract_types_0" checked> CDI' in html and 'name="min_years" id="id_min_years" value="3"' in html


def test_the_place_is_typed_as_a_name_or_picked_by_its_code(client, recruiter, profiles):
    CommuneFactory(insee="03185", name="Montluçon", department__code="03", latitude=46.3402, longitude=2.6031)
    by_code = client.get(JSON, {"skills": "Excel", "commune": "03185", "radius_km": "30", "threshold": "0"}).json()
    by_name = client.get(JSON, {"skills": "Excel", "commune_label": "Montluçon", "radius_km": "30", "threshold": "0"}).json()
    assert by_name["count"] == by_code["count"]
    assert [run.criteria["commune"] for run in MatchRun.objects.order_by("pk")] == ["03185", "03185"]
    page = client.get(SEARCH, {"skills": "Excel", "commune": "03185"}).content.decode()
    # The picker shows the place by name, and its script is on the page.
    assert 'value="Montluçon (03)"' in page and "commune-picker.js" in page


def test_languages_are_typed_by_name_or_code(client, recruiter, profiles):
    from tests.factories import LanguageFactory

    LanguageFactory(code="en", name="anglais")
    LanguageFactory(code="de", name="allemand")
    response = client.get(JSON, {"languages": "Anglais : C1, allemand, en B2", "threshold": "0"})
    assert response.status_code == 200
    assert MatchRun.objects.get().criteria["languages"] == [
        {"code": "en", "level": "C1"}, {"code": "de", "level": None}, {"code": "en", "level": "B2"},
    ]
    bad = client.get(JSON, {"languages": "klingon B2"})
    assert bad.status_code == 400 and "Langue illisible : « klingon B2 »" in str(bad.json())
