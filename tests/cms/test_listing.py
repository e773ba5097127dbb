"""The "Entreprises" listing: published pages only, search, filters and pagination."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import CompanyPage
from cms.services import company_page_get_or_create
from tests.cms.conftest import publish_company_page
from tests.factories import CommuneFactory, CompanyFactory, DepartmentFactory, NafSectorFactory

pytestmark = pytest.mark.django_db

URL = "/entreprises/"


def titles(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'class="stretched-link company-card__link" href="[^"]*">([^<]+)</a>', html)


@pytest.fixture
def companies(site):
    rhone = DepartmentFactory(code="69", name="Rhône")
    lyon = CommuneFactory(insee="69123", name="Lyon", department=rhone)
    clermont = CommuneFactory()
    bakery = NafSectorFactory(code="10.71C", label="Boulangerie", section="C", section_label="Industrie manufacturière")
    hospital = NafSectorFactory(code="86.10Z", label="Activités hospitalières", section="Q", section_label="Santé humaine et action sociale")
    pages = {
        "elise": publish_company_page(
            CompanyFactory(name="Boulangerie Élise", commune=clermont, naf_sector=bakery),
            tagline="Du pain au levain depuis 1952",
            benefits=[("teletravail", ""), ("mutuelle", "80 %")],
        ),
        "clinique": publish_company_page(
            CompanyFactory(name="Clinique du Parc", commune=lyon, naf_sector=hospital),
            benefits=[("mutuelle", ""), ("creche", "")],
        ),
        "atelier": publish_company_page(
            CompanyFactory(name="Atelier Volcans", commune=clermont, naf_sector=bakery),
            benefits=[("teletravail", "")],
        ),
    }
    company_page_get_or_create(company=CompanyFactory(name="Brouillon Industries", commune=lyon, naf_sector=bakery))
    return pages


def test_only_published_pages_are_listed(client, companies):
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == ["Atelier Volcans", "Boulangerie Élise", "Clinique du Parc"]
    assert "3 entreprises" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("elise", ["Boulangerie Élise"]),
        ("BOULANGERIE élise", ["Boulangerie Élise"]),
        ("levain", ["Boulangerie Élise"]),
        ("lyon", ["Clinique du Parc"]),
        ("clermont ferrand", ["Atelier Volcans", "Boulangerie Élise"]),
        ("introuvable", []),
    ],
)
def test_search_ignores_case_and_accents(client, companies, query, expected):
    assert titles(client.get(URL, {"q": query})) == expected


def test_filter_by_sector_section(client, companies):
    assert titles(client.get(URL, {"secteur": "Q"})) == ["Clinique du Parc"]
    assert titles(client.get(URL, {"secteur": "C"})) == ["Atelier Volcans", "Boulangerie Élise"]


def test_filter_by_department(client, companies):
    assert titles(client.get(URL, {"departement": "69"})) == ["Clinique du Parc"]
    assert titles(client.get(URL, {"departement": "63"})) == ["Atelier Volcans", "Boulangerie Élise"]


def test_benefits_must_all_be_offered(client, companies):
    assert titles(client.get(URL, {"avantages": ["mutuelle"]})) == ["Boulangerie Élise", "Clinique du Parc"]
    assert titles(client.get(URL, {"avantages": ["teletravail", "mutuelle"]})) == ["Boulangerie Élise"]
    assert titles(client.get(URL, {"avantages": ["creche", "teletravail"]})) == []


def test_filters_combine(client, companies):
    assert titles(client.get(URL, {"secteur": "C", "avantages": ["teletravail"], "q": "volcans"})) == ["Atelier Volcans"]


def test_filter_choices_come_from_published_pages(client, companies):
    html = client.get(URL).content.decode()
    assert '<option value="69">Rhône (69)</option>' in html
    assert '<option value="Q">Santé humaine et action sociale</option>' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"secteur": "ZZ"}, "Aucune entreprise publiée n&#x27;est de ce secteur : choisissez-en un dans la liste."),
        ({"departement": "2A"}, "Aucune entreprise publiée n&#x27;est dans ce département : choisissez-en un dans la liste."),
        ({"avantages": ["jacuzzi"]}, "Cet avantage n&#x27;existe pas : cochez-en un dans la liste."),
        ({"q": "x" * 300}, "caractères"),
    ],
)
def test_bad_filters_answer_a_french_message_not_an_error(client, companies, params, message):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert titles(response) == []


def test_pagination_keeps_the_filters(client, site):
    for n in range(14):
        publish_company_page(CompanyFactory(name=f"Société {n:02d}"), benefits=[("sport", "")])
    first = client.get(URL, {"avantages": ["sport"]})
    assert len(titles(first)) == 12
    html = first.content.decode()
    assert "14 entreprises" in html
    assert 'href="?avantages=sport&amp;page=2"' in html
    second = client.get(URL, {"avantages": ["sport"], "page": 2})
    assert titles(second) == ["Société 12", "Société 13"]
    assert titles(client.get(URL, {"page": "999"})) == ["Société 12", "Société 13"]
    assert len(titles(client.get(URL, {"page": "abc"}))) == 12


def test_listing_queries_do_not_grow_with_the_results(client, site, django_assert_max_num_queries):
    for n in range(3):
        publish_company_page(CompanyFactory(name=f"Petite {n}"), benefits=[("sport", ""), ("parking", "")])
    client.get(URL)  # renditions are made on the first view
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    # Keep the number now: the connection's query log is a bounded deque that later work rotates.
    small_count = len(small.captured_queries)
    assert small_count <= 16
    for n in range(9):
        publish_company_page(CompanyFactory(name=f"Grande {n}"), benefits=[("sport", ""), ("parking", "")])
    client.get(URL)
    with django_assert_max_num_queries(small_count):
        response = client.get(URL)
    assert len(titles(response)) == 12


def test_a_company_page_without_company_still_lists(client, companies):
    CompanyPage.objects.filter(pk=companies["atelier"].pk).update(company=None)
    assert "Atelier Volcans" in titles(client.get(URL))
