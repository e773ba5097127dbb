"""Offers in the recruiter space: validation, state machine, expiry, duplicate, list, export, scoping."""

import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from recruiters.choices import OfferStatus
from recruiters.models import JobOffer
from recruiters.services_offers import (
    job_offer_close,
    job_offer_create,
    job_offer_duplicate,
    job_offer_publish,
    job_offer_reopen,
    job_offers_expire,
)
from tests.factories import (
    ApplicationFactory,
    CommuneFactory,
    InterviewCampaignFactory,
    JobOfferFactory,
    LanguageFactory,
    RecruiterFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruiter():
    return RecruiterFactory()


@pytest.fixture
def logged(client, recruiter):
    client.force_login(recruiter.user)
    return client


DRAFT_TEXT = json.dumps({
    "blocks": [{"key": "a1", "type": "unstyled", "text": "Atelier de chaudronnerie fine.", "depth": 0,
                "inlineStyleRanges": [], "entityRanges": []}],
    "entityMap": {},
})


def offer_post(place, **overrides):
    data = {
        "title": "Chaudronnier H/F",
        "description": DRAFT_TEXT,
        "missions": "null",
        "profile_sought": "null",
        "job_titles": "Chaudronnier, Soudeur",
        "min_years": "2",
        "diploma_level": "4",
        "diploma_field": "Chaudronnerie",
        "skills": "Soudure TIG, Lecture de plans",
        "contract_type": "CDI",
        "working_time": "FULL_TIME",
        "commune": place.insee,
        "salary_min": "26000",
        "salary_max": "30000",
        "positions": "2",
        "languages-TOTAL_FORMS": "2",
        "languages-INITIAL_FORMS": "0",
        "languages-MIN_NUM_FORMS": "0",
        "languages-MAX_NUM_FORMS": "8",
        "action": "save",
    }
    data.update(overrides)
    return data


def test_create_offer_with_criteria_and_language(logged, recruiter):
    commune = CommuneFactory()
    LanguageFactory(code="en", name="Anglais")
    response = logged.post("/admin/recruteur/offres/nouvelle/", offer_post(
        commune, **{"languages-0-language": "en", "languages-0-level": "B2"}))
    assert response.status_code == 302
    offer = JobOffer.objects.get()
    assert offer.company == recruiter.company
    assert offer.job_titles == ["Chaudronnier", "Soudeur"]
    assert offer.skills == ["Soudure TIG", "Lecture de plans"]
    assert offer.status == OfferStatus.DRAFT
    assert [(lang.language_id, lang.level) for lang in offer.languages.all()] == [("en", "B2")]
    page = logged.get(f"/admin/recruteur/offres/{offer.pk}/").content.decode()
    assert "Offre complète à" in page and "Il manque" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Champ requis"),
        ({"salary_min": "40000", "salary_max": "30000"}, "supérieur ou égal au salaire minimum"),
        ({"contract_type": "PIRATE"}, "Sélectionnez un choix valide"),
        ({"commune": "Nullepart-sur-Mer"}, "Commune inconnue"),
        ({"min_years": "-3"}, "supérieure ou égale à 0"),
        ({"positions": "0"}, "supérieure ou égale à 1"),
        ({"description": "<p>pas du JSON</p>"}, "texte mis en forme est illisible"),
        ({"job_titles": ",".join(f"Métier {n}" for n in range(11))}, "10 éléments au plus"),
    ],
)
def test_bad_input_is_refused_in_french_and_nothing_stored(logged, overrides, message):
    response = logged.post("/admin/recruteur/offres/nouvelle/", offer_post(CommuneFactory(), **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not JobOffer.objects.exists()


def test_campaign_of_another_company_is_refused(logged):
    foreign = InterviewCampaignFactory()
    response = logged.post("/admin/recruteur/offres/nouvelle/", offer_post(CommuneFactory(), campaign=foreign.pk))
    assert response.status_code == 400
    assert not JobOffer.objects.exists()


def test_catalogue_campaign_is_accepted(logged):
    catalogue = InterviewCampaignFactory(company=None)
    response = logged.post("/admin/recruteur/offres/nouvelle/", offer_post(CommuneFactory(), campaign=catalogue.pk))
    assert response.status_code == 302
    assert JobOffer.objects.get().campaign == catalogue


def test_state_machine_and_refusals():
    offer = JobOfferFactory()
    with pytest.raises(ValidationError, match="Seule une offre publiée peut être clôturée"):
        job_offer_close(offer=offer)
    with pytest.raises(ValidationError, match="clôturée ou expirée peut être rouverte"):
        job_offer_reopen(offer=offer)
    offer = job_offer_publish(offer=offer)
    assert offer.status == OfferStatus.PUBLISHED and offer.published_at and offer.expires_at > timezone.now()
    with pytest.raises(ValidationError, match="Seule une offre en brouillon"):
        job_offer_publish(offer=offer)
    offer = job_offer_close(offer=offer)
    assert offer.status == OfferStatus.CLOSED and offer.closed_at
    offer = job_offer_reopen(offer=offer)
    assert offer.status == OfferStatus.PUBLISHED and offer.closed_at is None


def test_publish_needs_a_place():
    offer = JobOfferFactory(commune=None)
    with pytest.raises(ValidationError, match="lieu de travail"):
        job_offer_publish(offer=offer)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DRAFT


def test_expiry_closes_offers_automatically():
    past = JobOfferFactory(published=True, expires_at=timezone.now() - timedelta(minutes=1))
    future = JobOfferFactory(published=True)
    call_command("close_expired_offers")
    past.refresh_from_db()
    future.refresh_from_db()
    assert past.status == OfferStatus.EXPIRED and past.closed_at
    assert future.status == OfferStatus.PUBLISHED
    assert job_offers_expire() == 0
    assert job_offer_reopen(offer=past).expires_at > timezone.now()


def test_duplicate_is_a_draft_with_criteria_and_without_applications(recruiter):
    offer = JobOfferFactory(company=recruiter.company, published=True)
    ApplicationFactory(offer=offer)
    copy = job_offer_duplicate(offer=offer, user=recruiter.user)
    assert copy.status == OfferStatus.DRAFT and copy.title.endswith("(copie)")
    assert copy.job_titles == offer.job_titles and copy.slug != offer.slug
    assert copy.applications.count() == 0


def test_actions_through_the_admin(logged, recruiter):
    offer = JobOfferFactory(company=recruiter.company)
    assert logged.post(f"/admin/recruteur/offres/{offer.pk}/publier/").status_code == 302
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PUBLISHED
    response = logged.post(f"/admin/recruteur/offres/{offer.pk}/publier/", follow=True)
    assert "Seule une offre en brouillon" in response.content.decode()
    logged.post(f"/admin/recruteur/offres/{offer.pk}/cloturer/")
    offer.refresh_from_db()
    assert offer.status == OfferStatus.CLOSED
    logged.post(f"/admin/recruteur/offres/{offer.pk}/dupliquer/")
    assert JobOffer.objects.filter(company=recruiter.company).count() == 2
    assert logged.post(f"/admin/recruteur/offres/{offer.pk}/pirater/").status_code == 404


def test_another_companys_offer_is_404(logged):
    foreign = JobOfferFactory(published=True)
    assert logged.get(f"/admin/recruteur/offres/{foreign.pk}/").status_code == 404
    assert logged.post(f"/admin/recruteur/offres/{foreign.pk}/cloturer/").status_code == 404
    assert logged.post(f"/admin/recruteur/offres/{foreign.pk}/dupliquer/").status_code == 404
    assert logged.post(f"/admin/recruteur/offres/{foreign.pk}/", offer_post(CommuneFactory())).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == OfferStatus.PUBLISHED


def test_list_counts_filters_and_query_count(logged, recruiter, django_assert_max_num_queries):
    offers = [JobOfferFactory(company=recruiter.company, published=True, title=f"Offre {n}") for n in range(8)]
    for offer in offers:
        ApplicationFactory(offer=offer)
        ApplicationFactory(offer=offer, seen_at=timezone.now())
    JobOfferFactory(title="Offre étrangère", published=True)
    JobOfferFactory(company=recruiter.company, title="Brouillon CDD", contract_type="CDD")
    with django_assert_max_num_queries(20):
        response = logged.get("/admin/recruteur/offres/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Offre étrangère" not in html and "Offre 7" in html
    table = response.context["table"]
    row = next(r for r in table.data if r.title == "Offre 3")
    assert (row.applications_new, row.applications_total) == (1, 2)
    filtered = logged.get("/admin/recruteur/offres/", {"contract_type": "CDD"})
    assert [r.title for r in filtered.context["table"].data] == ["Brouillon CDD"]
    assert logged.get("/admin/recruteur/offres/", {"status": "pirate"}).status_code == 200
    assert "Voir l'offre en ligne" in html


def test_export_csv_and_xlsx(logged, recruiter):
    JobOfferFactory(company=recruiter.company, title="Offre exportée")
    JobOfferFactory(title="Offre d'ailleurs")
    csv = logged.get("/admin/recruteur/offres/", {"export": "csv"})
    text = csv.content.decode()
    assert csv["Content-Type"].startswith("text/csv")
    assert "Offre exportée" in text and "Offre d'ailleurs" not in text
    xlsx = logged.get("/admin/recruteur/offres/", {"export": "xlsx"})
    assert xlsx.content[:2] == b"PK"


def test_create_with_publish_button(logged, recruiter):
    response = logged.post("/admin/recruteur/offres/nouvelle/", offer_post(CommuneFactory(), action="publish"))
    assert response.status_code == 302
    assert JobOffer.objects.get().status == OfferStatus.PUBLISHED


def test_service_refuses_bad_data_directly(recruiter):
    with pytest.raises(ValidationError):
        job_offer_create(company=recruiter.company, user=recruiter.user,
                         data={"title": "x", "contract_type": "CDI", "salary_min": 5, "salary_max": 1})
    assert not JobOffer.objects.exists()


def test_edit_form_shows_dates_as_iso_and_keeps_them_when_posted_back(logged, recruiter):
    expires = timezone.now() + timedelta(days=20)
    offer = JobOfferFactory(company=recruiter.company, published=True, expires_at=expires,
                            start_date=date(2027, 1, 13))
    html = logged.get(f"/admin/recruteur/offres/{offer.pk}/").content.decode()
    shown = timezone.localtime(expires).date().isoformat()
    assert 'value="2027-01-13"' in html and f'value="{shown}"' in html
    response = logged.post(f"/admin/recruteur/offres/{offer.pk}/", offer_post(
        offer.commune, start_date="2027-01-13", expires_at=shown))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.start_date == date(2027, 1, 13) and offer.expires_at == expires


def test_a_new_expiry_day_lasts_until_its_end_in_paris(logged, recruiter):
    offer = JobOfferFactory(company=recruiter.company)
    day = (timezone.localdate() + timedelta(days=10)).isoformat()
    assert logged.post(f"/admin/recruteur/offres/{offer.pk}/", offer_post(offer.commune, expires_at=day)).status_code == 302
    offer.refresh_from_db()
    local = timezone.localtime(offer.expires_at)
    assert (local.date().isoformat(), local.hour, local.minute) == (day, 23, 59)


def test_a_past_expiry_day_is_refused_next_to_the_field(logged, recruiter):
    offer = JobOfferFactory(company=recruiter.company, published=True)
    before = offer.expires_at
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = logged.post(f"/admin/recruteur/offres/{offer.pk}/", offer_post(offer.commune, expires_at=yesterday))
    assert response.status_code == 400
    assert "Cette date est passée" in response.content.decode()
    offer.refresh_from_db()
    assert offer.expires_at == before


def test_an_expired_offer_can_be_edited_without_touching_its_past_expiry(logged, recruiter):
    past = timezone.now() - timedelta(days=3)
    offer = JobOfferFactory(company=recruiter.company, status=OfferStatus.EXPIRED, expires_at=past)
    response = logged.post(f"/admin/recruteur/offres/{offer.pk}/", offer_post(
        offer.commune, title="Chaudronnier confirmé", expires_at=timezone.localtime(past).date().isoformat()))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == "Chaudronnier confirmé" and offer.expires_at == past


def test_clearing_the_expiry_of_a_published_offer_gives_back_the_default_lifetime(logged, recruiter):
    offer = JobOfferFactory(company=recruiter.company, published=True)
    assert logged.post(f"/admin/recruteur/offres/{offer.pk}/", offer_post(offer.commune, expires_at="")).status_code == 302
    offer.refresh_from_db()
    assert offer.expires_at == offer.published_at + timedelta(days=60)


def test_place_filter_reads_a_name_or_a_picker_label(logged, recruiter):
    JobOfferFactory(company=recruiter.company, title="À Clermont")
    JobOfferFactory(company=recruiter.company, title="À Riom",
                    commune=CommuneFactory(insee="63300", name="Riom", latitude=45.89, longitude=3.11))
    for typed in ("clermont", "Clermont-Ferrand (63)", "  CLERMONT-ferrand "):
        titles = [o.title for o in logged.get("/admin/recruteur/offres/", {"place": typed}).context["table"].data]
        assert titles == ["À Clermont"], typed
    assert not logged.get("/admin/recruteur/offres/", {"place": "Clermont-Ferrand (03)"}).context["table"].data
