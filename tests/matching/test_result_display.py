"""What a recruiter reads in matching results: language and sector names instead of codes, the
candidate's home commune with its distance, and a few words on why each profile matched, taken from
the engine's explanations; the page costs the same number of queries whatever its number of rows."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching.engine import CriterionExplanation
from matching.views.display import place_words, why_words
from tests.factories import (
    CandidateLanguageFactory,
    CandidateProfileFactory,
    CommuneFactory,
    ExperienceFactory,
    LanguageFactory,
    RecruiterFactory,
)
from tests.factories.reference import NafSectorFactory

SEARCH = "/admin/matching/recherche/"
JSON = "/admin/matching/recherche/resultats.json"
QUERY = {"job_titles": "Comptable", "min_years": "2", "skills": "Sage, Excel", "commune": "63113",
         "languages": "anglais B2", "sectors": "69.20Z", "threshold": "0"}


def explanation(criterion, state, detail, asked=""):
    return CriterionExplanation(criterion, state, asked, detail, 1.0, 1.0)


@pytest.mark.parametrize(
    ("explanations", "words"),
    [
        ([explanation("experience", 3, "Comptable : 5,9 ans (2 ans demandés)"),
          explanation("skills", 3, "2 sur 2 : Sage, Excel"),
          explanation("home_place", 3, "Clermont-Ferrand (63) : à moins d'1 km")],
         "Comptable, 5,9\xa0ans · Sage, Excel · Clermont-Ferrand"),
        ([explanation("experience", 2, "Aide-comptable : 3 ans (intitulé proche)"),
          explanation("skills", 2, "1 sur 3 : Sage (Sage 100) ; TVA : trouvé dans le CV ; manquante : Bilan"),
          explanation("home_place", 0, "Lyon 3e Arrondissement (69) : à 137 km"),
          explanation("desired_places", 3, "Riom (63) (rayon 20 km) : à 13 km ; département 63"),
          explanation("languages", 3, "Anglais : B2")],
         "Aide-comptable, 3\xa0ans (intitulé proche) · Sage (Sage 100), TVA (dans le CV) · souhaite Riom · Anglais B2"),
        ([explanation("experience", 2, "Comptable : poste recherché, sans expérience renseignée"),
          explanation("skills", 2, "Aucune compétence renseignée ; Sage, TVA : trouvés dans le CV")],
         "Comptable (poste recherché) · Sage, TVA (dans le CV)"),
        ([explanation("experience", 3, "6 ans d'expérience au total (2 ans demandés)")], "6\xa0ans d'expérience"),
        # Nothing found: nothing claimed.
        ([explanation("experience", 0, "Aucun intitulé correspondant ; expériences : Soudeur (4 ans)"),
          explanation("skills", 0, "0 sur 2 ; manquantes : Sage, Excel"),
          explanation("home_place", 0, "Annecy (74) : à 160 km"),
          explanation("languages", 2, "Anglais : B1")], ""),
    ],
)
def test_why_it_matched_in_a_few_words(explanations, words):
    assert why_words(explanations) == words


def test_place_is_the_home_commune_and_its_distance():
    home = [explanation("home_place", 3, "Riom (63) : à 13 km")]
    assert place_words("Riom", home) == "Riom · 13\xa0km"
    assert place_words("Riom", []) == "Riom"  # no place asked: no distance
    assert place_words(None, home) == "—"


@pytest.fixture
def recruiter(client):
    recruiter = RecruiterFactory()
    client.force_login(recruiter.user)
    return recruiter


@pytest.fixture
def accountants(db):
    CommuneFactory()
    riom = CommuneFactory(insee="63300", name="Riom", latitude=45.8936, longitude=3.1128)
    english = LanguageFactory(code="en", name="anglais")
    accounting = NafSectorFactory(code="69.20Z", label="Activités comptables", section="M",
                                  section_label="Activités spécialisées, scientifiques et techniques")
    accountant = CandidateProfileFactory(headline="Comptable confirmée", home_commune=riom, skills=["Sage", "Excel"],
                                         sectors=[accounting])
    ExperienceFactory(profile=accountant, title="Comptable", start_date=date(2020, 1, 1))
    CandidateLanguageFactory(profile=accountant, language=english, level="B2")
    welder = CandidateProfileFactory(headline="Soudeur TIG", skills=["Soudure TIG"])
    ExperienceFactory(profile=welder, title="Soudeur", start_date=date(2019, 1, 1))
    return accountant, welder


@pytest.mark.django_db
def test_results_show_the_place_and_why_each_profile_matched(client, recruiter, accountants):
    accountant, welder = accountants
    rows = {row["id"]: row for row in client.get(JSON, QUERY).json()["results"]}
    first = rows[accountant.pk]
    assert re.fullmatch(r"Riom · 1\d\xa0km", first["place"]), first["place"]
    assert re.match(r"Comptable, \d+(,\d)?\xa0ans · Sage, Excel · Riom · Anglais B2$", first["why"]), first["why"]
    assert rows[welder.pk]["place"] == "Clermont-Ferrand · moins\xa0d'1\xa0km"
    assert "Comptable" not in rows[welder.pk]["why"] and "Soudeur" not in rows[welder.pk]["why"]
    # No street address ever leaves for the list.
    assert "address" not in str(first) and "adresse" not in str(first)

    html = client.get(SEARCH, QUERY).content.decode()
    assert "<th>Lieu</th>" in html
    assert f'<td class="matching-place">{first["place"]}</td>' in html
    assert f'<p class="matching-why">{first["why"]}</p>' in html


@pytest.mark.django_db
def test_candidate_page_names_languages_and_sectors(client, recruiter, accountants):
    accountant, _ = accountants
    client.get(SEARCH, QUERY)
    html = client.get(f"/admin/matching/profil/{accountant.pk}/", QUERY).content.decode()
    table = html[html.index("matching-states"):html.index("</table>", html.index("matching-states"))]
    assert "<td>Anglais B2</td>" in table and "Anglais : B2" in table
    assert "<td>Activités comptables</td>" in table and "Secteurs du candidat : Activités comptables" in table
    assert "69.20Z" not in table and "en B2" not in table


def _page_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_names_and_places_cost_no_query_per_row(client, recruiter, accountants):
    for index in range(12):
        profile = CandidateProfileFactory(headline=f"Comptable {index}", skills=["Sage"])
        ExperienceFactory(profile=profile, title="Comptable", start_date=date(2018, 1, 1))
    percents = [row["percent"] for row in client.get(JSON, QUERY).json()["results"]]  # warms the matrix
    assert len(percents) == 14
    best_only = {**QUERY, "threshold": str(max(percents))}
    one_row = _page_queries(client, best_only)
    every_row = _page_queries(client, QUERY)
    assert client.get(SEARCH, best_only).content.decode().count('class="matching-place"') < 14
    assert client.get(SEARCH, QUERY).content.decode().count('class="matching-place"') == 14
    assert every_row == one_row
