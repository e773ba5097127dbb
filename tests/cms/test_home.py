import pytest

from cms.services import site_ensure

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
