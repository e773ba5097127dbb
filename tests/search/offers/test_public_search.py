import json
import re

import pytest
from django.core.management import call_command

from recruiters.services_offers import job_offer_close, job_offer_publish
from tests.factories import (
    CommuneFactory,
    CompanyFactory,
    DepartmentFactory,
    JobOfferFactory,
    NafSectorFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish through the service and run its on-commit work (the index update task)."""

    def _publish(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return job_offer_publish(offer=JobOfferFactory(**kwargs))

    return _publish


@pytest.fixture
def close(django_capture_on_commit_callbacks):
    def _close(offer):
        with django_capture_on_commit_callbacks(execute=True):
            return job_offer_close(offer=offer)

    return _close


def titles(response):
    return [offer.title for offer in response.context["offers"]]


@pytest.fixture
def riom(db):
    return CommuneFactory(insee="63300", name="Riom", latitude=45.8936, longitude=3.1126)


@pytest.fixture
def paris(db):
    return CommuneFactory(insee="75056", name="Paris", latitude=48.8566, longitude=2.3522,
                          department=DepartmentFactory(code="75", name="Paris"))


def test_publishing_indexes_and_keyword_finds_accents_and_plurals(client, publish, close):
    publish(title="Infirmière de bloc opératoire", job_titles=["Infirmier"])
    publish(title="Comptable fournisseurs", job_titles=["Comptable"])
    response = client.get("/offres/", {"q": "infirmieres"})
    assert response.status_code == 200
    assert titles(response) == ["Infirmière de bloc opératoire"]
    assert titles(client.get("/offres/", {"q": "comptable"})) == ["Comptable fournisseurs"]
    assert titles(client.get("/offres/", {"q": "boulanger"})) == []


def test_keyword_search_is_served_by_the_index_not_the_database(client):
    offer = JobOfferFactory(
        title="Boulanger", status="published"
    )  # published without the service: not indexed
    assert offer.is_published
    assert titles(client.get("/offres/", {"q": "boulanger"})) == []


def test_drafts_and_closed_offers_are_not_listed(client, publish, close):
    JobOfferFactory(title="Électricien brouillon")
    closed = publish(title="Électricien clôturé")
    close(closed)
    publish(title="Électricien ouvert")
    assert titles(client.get("/offres/", {"q": "electricien"})) == ["Électricien ouvert"]


def test_place_with_radius(client, riom, paris, publish, close):
    clermont = CommuneFactory()
    publish(title="Soudeur Clermont", commune=clermont)
    publish(title="Soudeur Riom", commune=riom)
    publish(title="Soudeur Paris", commune=paris)
    only_town = titles(client.get("/offres/", {"q": "soudeur", "commune": clermont.insee, "radius": 0}))
    assert only_town == ["Soudeur Clermont"]
    nearby = titles(client.get("/offres/", {"q": "soudeur", "commune": clermont.insee, "radius": 30}))
    assert sorted(nearby) == ["Soudeur Clermont", "Soudeur Riom"]


def test_contract_working_time_and_sector_filters(client, publish, close):
    sector = NafSectorFactory(code="86.10Z", label="Activités hospitalières")
    publish(title="Aide-soignant CDI", contract_type="CDI", sectors=[sector])
    publish(title="Aide-soignant CDD", contract_type="CDD", working_time="PART_TIME")
    assert titles(client.get("/offres/", {"contract_type": "CDD"})) == ["Aide-soignant CDD"]
    assert titles(client.get("/offres/", {"working_time": "PART_TIME"})) == ["Aide-soignant CDD"]
    assert titles(client.get("/offres/", {"sector": "86.10Z"})) == ["Aide-soignant CDI"]


def test_bad_filters_answer_400_in_french(client):
    response = client.get("/offres/", {"contract_type": "PIRATE", "commune": "Nullepart-sur-Mer"})
    assert response.status_code == 400
    assert "Commune inconnue" in response.content.decode()


def test_pagination(client, publish, close):
    company = CompanyFactory()
    for n in range(23):
        publish(title=f"Cariste {n}", company=company)
    first = client.get("/offres/", {"q": "cariste"})
    assert len(first.context["offers"]) == 20
    second = client.get("/offres/", {"q": "cariste", "page": 2})
    assert len(second.context["offers"]) == 3
    assert client.get("/offres/", {"q": "cariste", "page": "x"}).status_code == 200


def test_offer_page_has_job_posting_and_apply_button(client, publish, close):
    offer = publish(title="Chef de rang", salary_min=24000, salary_max=28000)
    response = client.get(f"/offres/{offer.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "JobPosting"
    assert data["title"] == "Chef de rang"
    assert data["hiringOrganization"]["name"] == offer.company.name
    assert data["baseSalary"]["value"]["minValue"] == 24000
    assert f"/offres/{offer.slug}/postuler/" in html


def test_closed_offer_answers_410_with_similar_offers(client, publish, close):
    closed = publish(title="Serveur en brasserie")
    close(closed)
    publish(title="Serveur de restaurant")
    response = client.get(f"/offres/{closed.slug}/")
    assert response.status_code == 410
    assert [o.title for o in response.context["similar"]] == ["Serveur de restaurant"]


def test_draft_offer_page_is_404(client):
    assert client.get(f"/offres/{JobOfferFactory().slug}/").status_code == 404


def test_rebuild_offer_index_command(client):
    JobOfferFactory(title="Fromager", published=True)  # saved without the service: not in the index yet
    JobOfferFactory(title="Fromager brouillon")
    assert titles(client.get("/offres/", {"q": "fromager"})) == []
    call_command("rebuild_offer_index")
    assert titles(client.get("/offres/", {"q": "fromager"})) == ["Fromager"]


def test_search_page_query_count(client, publish, django_assert_max_num_queries):
    company = CompanyFactory()
    for n in range(12):
        publish(title=f"Boucher {n}", company=company)
    with django_assert_max_num_queries(6):
        response = client.get("/offres/", {"q": "boucher"})
    assert len(response.context["offers"]) == 12


@pytest.fixture
def vichy(db):
    return CommuneFactory(insee="03310", name="Vichy", latitude=46.1277, longitude=3.4259,
                          department=DepartmentFactory(code="03", name="Allier"))


def test_a_place_without_radius_searches_30_km_around_it(client, riom, paris, publish):
    clermont = CommuneFactory()
    publish(title="Soudeur Riom", commune=riom)
    publish(title="Soudeur Paris", commune=paris)
    response = client.get("/offres/", {"q": "soudeur", "commune": clermont.insee})
    assert titles(response) == ["Soudeur Riom"]
    html = response.content.decode()
    assert "1 offre dans un rayon de 30 km autour de Clermont-Ferrand (63)" in html
    assert '<option value="30" selected>30 km</option>' in html
    # The form starts at 30 km too.
    assert '<option value="30" selected>30 km</option>' in client.get("/offres/").content.decode()


def test_the_whole_department_of_the_place(client, riom, vichy, publish):
    clermont = CommuneFactory()
    publish(title="Cariste Riom", commune=riom)
    publish(title="Cariste Vichy", commune=vichy)
    response = client.get("/offres/", {"q": "cariste", "commune": clermont.insee, "radius": "departement"})
    assert titles(response) == ["Cariste Riom"]
    assert "1 offre dans le département Puy-de-Dôme (63)" in response.content.decode()


def test_a_place_typed_without_choosing_is_resolved_and_shown_as_understood(client, riom, publish):
    CommuneFactory()
    publish(title="Soudeur Riom", commune=riom)
    response = client.get("/offres/", {"q": "soudeur", "commune": "", "commune_label": "clermont ferrand", "radius": "30"})
    assert titles(response) == ["Soudeur Riom"]
    html = response.content.decode()
    assert 'name="commune_label" value="Clermont-Ferrand (63)"' in html and 'value="63113"' in html


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"commune_label": "Atlantide"}, "commune", "Commune inconnue : « Atlantide »."),
        ({"commune": "63113", "radius": "500"}, "radius", "Rayon inconnu : choisissez dans la commune, 10, 20, 30"),
        ({"q": "x" * 300}, "q", "Recherche trop longue : 200 caractères au plus."),
    ],
)
def test_bad_input_is_said_next_to_its_field(client, params, field, message):
    CommuneFactory()
    response = client.get("/offres/", params)
    assert response.status_code == 400
    html = response.content.decode()
    error = re.search(rf'<div class="invalid-feedback d-block" id="id_{field}_error">(.*?)</div>', html, re.S)
    assert error and message in error.group(1)


def test_a_place_without_coordinates_asks_for_the_commune_or_the_department(client):
    CommuneFactory(insee="63999", name="Sans-Repère", latitude=None, longitude=None)
    response = client.get("/offres/", {"commune": "63999", "radius": "30"})
    assert response.status_code == 400
    assert "pas de coordonnées connues" in response.content.decode()
    assert client.get("/offres/", {"commune": "63999", "radius": "0"}).status_code == 200


def test_nothing_found_around_a_place_offers_wider_searches_with_their_counts(client, riom, vichy, paris, publish):
    clermont = CommuneFactory(insee="63113")
    publish(title="Boulanger Vichy", commune=vichy)  # 47 km from Clermont-Ferrand
    publish(title="Boulanger Riom", commune=riom)
    publish(title="Boulanger Paris", commune=paris)
    response = client.get("/offres/", {"q": "boulanger", "commune": riom.insee, "radius": "0"})
    assert titles(response) == ["Boulanger Riom"]

    response = client.get("/offres/", {"q": "boulanger", "commune": clermont.insee, "radius": "0"})
    assert titles(response) == []
    wider = {option["label"]: option for option in response.context["wider"]}
    assert {label: option["count"] for label, option in wider.items()} == {
        "Élargir à 50 km": 2, "Élargir à 100 km": 2, "Tout le département (Puy-de-Dôme)": 1, "Partout, sans lieu": 3,
    }
    html = response.content.decode()
    assert "Aucune offre ne correspond à votre recherche à Clermont-Ferrand (63)." in html
    assert "Élargir à 50 km : 2 offres" in html
    # Each proposal is the same search, wider.
    assert sorted(titles(client.get("/offres/?" + wider["Élargir à 50 km"]["querystring"]))) == [
        "Boulanger Riom", "Boulanger Vichy"]
    assert len(titles(client.get("/offres/?" + wider["Partout, sans lieu"]["querystring"]))) == 3


def test_nothing_anywhere_says_to_remove_words(client, publish):
    CommuneFactory()
    response = client.get("/offres/", {"q": "astronaute", "commune": "63113"})
    assert response.context["wider"] == []
    assert "Même sans lieu, aucune offre ne correspond" in response.content.decode()
