"""The public "Espace recruteur" pages, and the "Accueil recruteur" text edited by staff in the admin."""

import pytest
from wagtail.models import Site

from recruiters.models import RecruiterHomeSettings
from tests.factories import ModeratorFactory, RecruiterFactory

pytestmark = pytest.mark.django_db


def test_entry_page_offers_login_signup_and_the_recruiter_home(client):
    page = client.get("/espace-recruteur/").content.decode()
    for link in ["/espace-recruteur/connexion/", "/espace-recruteur/inscription/", "/espace-recruteur/accueil/"]:
        assert link in page
    # The address recruiters accepted leads to the site's one set of terms, which covers recruiter accounts.
    terms = client.get("/espace-recruteur/conditions-generales/", follow=True)
    assert terms.redirect_chain == [("/conditions-generales/", 301)]
    assert "recruteur" in terms.content.decode()


def test_recruiter_home_shows_four_reasons_with_good_defaults(client):
    page = client.get("/espace-recruteur/accueil/").content.decode()
    for title in ["Publiez vos offres d&#x27;emploi", "Trouvez des talents dans la CVthèque",
                  "Profitez du matching recruteur", "Présentez votre entreprise"]:
        assert title in page


def test_staff_edit_the_recruiter_home_in_the_admin(client):
    site = Site.objects.get(is_default_site=True)
    client.force_login(ModeratorFactory())
    url = f"/admin/settings/recruiters/recruiterhomesettings/{site.pk}/"
    data = {field: getattr(RecruiterHomeSettings(), field) for field in
            ["heading", "intro", "closing"] + [f"reason_{i}_{part}" for i in range(1, 5) for part in ("title", "text")]}
    data["reason_2_title"] = "Sourcez dans notre CVthèque régionale"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert "Sourcez dans notre CVthèque régionale" in client.get("/espace-recruteur/accueil/").content.decode()


def test_recruiters_cannot_edit_the_recruiter_home(client):
    site = Site.objects.get(is_default_site=True)
    client.force_login(RecruiterFactory().user)
    response = client.get(f"/admin/settings/recruiters/recruiterhomesettings/{site.pk}/")
    assert response.status_code in {302, 403}
