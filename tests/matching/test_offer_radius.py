"""Matching from an offer starts from the offer's own search radius; an offer without one leaves the
form's default (30 km, said under the field). The recruiter sets the radius on the offer form."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from recruiters.models import JobOffer
from tests.factories import CommuneFactory, RecruiterFactory
from tests.factories.offers import JobOfferFactory
from tests.recruiters.test_offers import offer_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruiter(client):
    recruiter = RecruiterFactory()
    client.force_login(recruiter.user)
    return recruiter


def radius_input(html: str) -> str:
    return re.search(r'<input type="number" name="radius_km" id="id_radius_km" value="([^"]*)"', html)[1]


def test_matching_from_an_offer_prefills_its_radius(client, recruiter):
    offer = JobOfferFactory(company=recruiter.company, commune=CommuneFactory(), job_titles=["Comptable"],
                            radius_km=20)
    response = client.get(f"/admin/matching/offre/{offer.pk}/")
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.url).query)["radius_km"] == ["20"]
    assert radius_input(client.get(response.url).content.decode()) == "20"


def test_an_offer_without_radius_leaves_the_forms_default(client, recruiter):
    offer = JobOfferFactory(company=recruiter.company, commune=CommuneFactory(), job_titles=["Comptable"])
    response = client.get(f"/admin/matching/offre/{offer.pk}/")
    assert "radius_km" not in parse_qs(urlsplit(response.url).query)
    html = client.get(response.url).content.decode()
    assert radius_input(html) == ""
    assert "Vide : 30 km autour du lieu." in html


def test_the_recruiter_sets_the_radius_on_the_offer(client, recruiter):
    place = CommuneFactory()
    response = client.post("/admin/recruteur/offres/nouvelle/", offer_post(place, radius_km="25"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert JobOffer.objects.get().radius_km == 25
    refused = client.post("/admin/recruteur/offres/nouvelle/", offer_post(place, title="Autre", radius_km="500"))
    assert refused.status_code in (200, 400)
    assert "inférieure ou égale à 200" in refused.content.decode() and JobOffer.objects.count() == 1
