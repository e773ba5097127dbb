import pytest

from cms.models import HomePage
from cms.services import site_ensure
from tests.cms.conftest import publish_company_page
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def test_site_ensure_is_idempotent():
    first = site_ensure()
    assert site_ensure() == first


def test_home_page_is_served_in_french(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert 'href="#contenu"' in html  # skip link for keyboard users
    assert "<main" in html and 'role="contentinfo"' in html


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_home_page_renders_in_chromium(live_server, page):
    # transaction=True tests may start from a flushed database: recreate the page tree.
    site_ensure()
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text().startswith("Trouvez votre prochain emploi")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Aller au contenu"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_home_searches_offers_by_keywords_and_place(live_server, page):
    from search.offers.tasks import reindex_offers
    from tests.factories import CommuneFactory, JobOfferFactory

    site_ensure()
    clermont = CommuneFactory(name="Clermont-Ferrand", insee="63113", latitude=45.7797, longitude=3.0863)
    offer = JobOfferFactory(title="Soudeur TIG H/F", commune=clermont, published=True)
    reindex_offers([offer.pk])
    page.goto(live_server.url + "/")
    page.get_by_label("Métier, mots-clés").fill("soudeur")
    page.get_by_label("Lieu").fill("Clermont")
    page.get_by_role("option", name="Clermont-Ferrand (63)").click()
    page.screenshot(path="/tmp/vivier-home-search.png", full_page=True)
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url("**/offres/?*")
    assert "q=soudeur" in page.url and "commune=63113" in page.url and "radius=30" in page.url
    assert page.get_by_role("link", name="Soudeur TIG H/F").is_visible()


def test_home_lists_the_latest_published_company_pages(client):
    site_ensure()
    publish_company_page(CompanyFactory(name="Fromagerie Saint-Nectaire"))
    html = client.get("/").content.decode()
    assert "Elles recrutent près de chez vous" in html and "Fromagerie Saint-Nectaire" in html
    assert 'href="/espace-candidat/inscription/"' in html and 'action="/offres/"' in html
    assert 'href="/entreprises/"' in html
    home = HomePage.objects.get()
    home.latest_companies_count = 0
    home.body = [
        ("cards", {"heading": "Pour bien commencer", "cards": [
            {"title": "Votre CV", "text": "Déposez-le en un clic.", "page": None, "url": "https://example.org/cv",
             "link_label": "En savoir plus"},
        ]}),
    ]
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Fromagerie Saint-Nectaire" not in html
    assert "Pour bien commencer" in html and "Déposez-le en un clic." in html


def test_public_nav_has_the_four_spaces(client):
    site_ensure()
    html = client.get("/").content.decode()
    nav = html[html.index('id="nav-principale"'):html.index("</nav>")]
    for href, label in [("/offres/", "Offres"), ("/entreprises/", "Entreprises"),
                        ("/espace-candidat/", "Espace candidat"), ("/espace-recruteur/", "Espace recruteur")]:
        assert f'href="{href}"' in nav and label in nav


def test_header_offers_login_or_logout(client):
    from tests.factories import UserFactory

    assert "Se connecter" in client.get("/").content.decode()
    client.force_login(UserFactory())
    html = client.get("/").content.decode()
    assert "Se déconnecter" in html and 'action="/compte/deconnexion/"' in html
