"""Matching searches saved in CVthèque folders, reopened from the folder, and their alerts (the
CVthèque's mechanism): only new matching profiles, never the same one twice, only visible ones."""

from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from matching import loader
from matching.models import MatchRun
from portal.candidates.models import CandidateProfile
from search.choices import AlertFrequency, SavedSearchKind
from search.models import Folder, SavedSearch
from search.services import saved_search_alert_send, saved_search_alerts_send, saved_search_update
from tests.factories import (
    CandidateProfileFactory,
    CommuneFactory,
    ExperienceFactory,
    FolderFactory,
    RecruiterFactory,
)
from tests.factories.offers import JobOfferFactory

pytestmark = pytest.mark.django_db

SEARCH = "/admin/matching/recherche/"
QUERY = {"job_titles": "Contrôleur de gestion", "min_years": "3", "commune": "63113", "contract_types": "CDI",
         "required": "contract_types", "importance_skills": "0", "threshold": "40"}


@pytest.fixture
def recruiter(client):
    recruiter = RecruiterFactory()
    client.force_login(recruiter.user)
    return recruiter


def controller(headline, *, contract="CDI", years=4, **fields):
    profile = CandidateProfileFactory(headline=headline, contract_types=[contract], **fields)
    ExperienceFactory(profile=profile, title="Contrôleuse de gestion",
                      start_date=date(timezone.localdate().year - years, 1, 1))
    return profile


@pytest.fixture
def profiles():
    CommuneFactory()
    return [controller("Contrôleuse déjà là"), controller("Contrôleur en CDD", contract="CDD")]


def save(client, query=QUERY, **post):
    data = {"name": "Contrôle de gestion Clermont", "new_folder": "Finance", "alert_frequency": "daily", **post}
    return client.post(SEARCH + "?" + "&".join(f"{k}={v}" for k, v in query.items()), data)


def arrives(headline, **fields):
    """A profile that enters the CVthèque after the search was saved (its change reaches matching)."""
    profile = controller(headline, **fields)
    loader.record_change([profile.pk])
    return profile


def run_alerts(capture, days=1):
    with capture(execute=True):
        return saved_search_alerts_send(frequency=AlertFrequency.DAILY, now=timezone.now() + timedelta(days=days))


def test_save_from_the_page_then_reopen_from_the_folder(client, recruiter, profiles):
    page = client.get(SEARCH, QUERY)
    assert "Enregistrer la recherche" in page.content.decode()
    response = save(client)
    saved = SavedSearch.objects.get()
    folder = Folder.objects.get(name="Finance")
    assert response.status_code == 302 and response.url == f"/admin/cvtheque/dossiers/{folder.pk}/"
    assert saved.kind == SavedSearchKind.MATCHING and saved.folder == folder and saved.created_by == recruiter.user
    assert saved.criteria["criteria"]["job_titles"] == ["Contrôleur de gestion"]
    assert saved.criteria["required"] == ["contract_types"] and saved.criteria["threshold"] == 40
    assert saved.criteria["importance"] == {"skills": 0}
    # The profiles already listed are not news for the first alert.
    assert set(saved.alerted_profile_ids) == {profiles[0].pk}

    html = client.get(response.url).content.decode()
    assert "Lancer la recherche matching" in html
    link = saved.runner_path
    assert link.startswith(SEARCH) and link.replace("&", "&amp;") in html
    params = parse_qs(urlsplit(link).query)
    assert params["required"] == ["contract_types"] and params["threshold"] == ["40"]
    assert params["importance_skills"] == ["0"] and params["commune"] == ["63113"]
    reopened = client.get(link)
    assert reopened.status_code == 200
    text = reopened.content.decode()
    assert "Contrôleuse déjà là" in text and "Contrôleur en CDD" not in text  # mandatory CDI kept
    assert 'name="required" value="contract_types" aria-label="Indispensable : Types de contrat" checked' in text
    assert "Matching" in client.get("/admin/cvtheque/dossiers/").content.decode()


def test_save_into_an_existing_folder_with_an_offer(client, recruiter, profiles):
    folder = FolderFactory(recruiter=recruiter, name="Existant")
    offer = JobOfferFactory(company=recruiter.company)
    response = save(client, query={**QUERY, "offer": offer.pk}, new_folder="", folder=folder.pk,
                    alert_frequency="none")
    assert response.status_code == 302
    saved = SavedSearch.objects.get(folder=folder)
    assert saved.criteria["offer"] == offer.pk and saved.alert_frequency == AlertFrequency.NONE
    assert f"offer={offer.pk}" in saved.runner_path


def test_alert_mails_only_new_matching_profiles_once(client, recruiter, profiles, django_capture_on_commit_callbacks):
    save(client)
    saved = SavedSearch.objects.get()
    arrives("Contrôleuse arrivée après")
    arrives("Contrôleur en CDD arrivé après", contract="CDD")  # fails the mandatory contract type
    arrives("Contrôleur invisible", visible_in_cvtheque=False)
    report = run_alerts(django_capture_on_commit_callbacks)
    assert (report.searches, report.emails, report.profiles) == (1, 1, 1)
    [message] = mail.outbox
    assert message.to == [recruiter.user.email]
    assert "Contrôle de gestion Clermont" in message.subject
    assert "Contrôleuse arrivée après" in message.body
    assert "déjà là" not in message.body and "CDD" not in message.body and "invisible" not in message.body
    assert "/admin/matching/recherche/?" in message.body and "/admin/matching/profil/" in message.body
    assert MatchRun.objects.filter(source="alert", user=recruiter.user).exists()  # audited like any run

    # Nothing new the next day; and a run that looks back over the same profiles announces none twice.
    mail.outbox.clear()
    assert run_alerts(django_capture_on_commit_callbacks, days=2).emails == 0
    SavedSearch.objects.filter(pk=saved.pk).update(last_alert_at=timezone.now() - timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        assert saved_search_alert_send(saved_search=SavedSearch.objects.get(pk=saved.pk)) == 0
    assert not mail.outbox

    arrives("Contrôleuse du lendemain")
    report = run_alerts(django_capture_on_commit_callbacks, days=3)
    [message] = mail.outbox
    assert report.profiles == 1 and "du lendemain" in message.body and "arrivée après" not in message.body


def test_alert_switched_on_later_starts_from_now(client, recruiter, profiles, django_capture_on_commit_callbacks):
    save(client, alert_frequency="none")
    saved = SavedSearch.objects.get()
    arrives("Contrôleuse arrivée avant l'alerte")
    saved_search_update(user=recruiter.user, saved_search=saved, name=saved.name, alert_frequency="daily")
    assert run_alerts(django_capture_on_commit_callbacks).emails == 0 and not mail.outbox


def test_alert_stops_when_the_recruiter_leaves(client, recruiter, profiles, django_capture_on_commit_callbacks):
    save(client)
    arrives("Contrôleuse arrivée après")
    recruiter.user.is_active = False
    recruiter.user.save()
    assert run_alerts(django_capture_on_commit_callbacks).emails == 0 and not mail.outbox


def test_another_companys_folder_offer_and_search_are_out_of_reach(client, recruiter, profiles):
    other = RecruiterFactory()
    foreign_folder = FolderFactory(recruiter=other, name="Autre entreprise")
    response = save(client, new_folder="", folder=foreign_folder.pk)
    assert response.status_code == 400
    assert "Ce dossier n&#x27;existe pas ou ne vous est pas accessible." in response.content.decode()
    foreign_offer = JobOfferFactory(company=other.company)
    assert save(client, query={**QUERY, "offer": foreign_offer.pk}).status_code == 404
    assert not SavedSearch.objects.exists()

    save(client)
    folder = Folder.objects.get(name="Finance")
    client.force_login(other.user)
    assert client.get(f"/admin/cvtheque/dossiers/{folder.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("query", "post", "message"),
    [
        (QUERY, {"name": ""}, "Donnez un nom à la recherche."),
        (QUERY, {"alert_frequency": "hourly"}, "Fréquence d&#x27;alerte inconnue"),
        (QUERY, {"new_folder": ""}, "Choisissez un dossier ou donnez un nom au nouveau dossier."),
        ({**QUERY, "commune": "99999"}, {}, "Corrigez les critères de la recherche avant de l&#x27;enregistrer."),
        ({"skills": "Excel", "required": "languages"}, {}, "est indispensable mais n&#x27;est pas renseigné"),
        ({"skills": "Excel", "importance_skills": "0"}, {}, "poids supérieur à zéro"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(client, recruiter, profiles, query, post, message):
    response = save(client, query=query, **post)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SavedSearch.objects.exists() and not Folder.objects.exists()
    assert CandidateProfile.objects.count() == 2


def test_dashboard_lists_the_matching_search_with_its_link(client, recruiter, profiles):
    save(client)
    saved = SavedSearch.objects.get()
    html = client.get("/admin/").content.decode()
    assert saved.runner_path.replace("&", "&amp;") in html and "(Finance, matching)" in html


def test_dashboard_does_not_run_a_cvtheque_search_for_a_matching_search(client, recruiter, profiles, monkeypatch):
    from search import selectors

    save(client)

    def no_cvtheque_search(**kwargs):
        raise AssertionError("a matching search's criteria were run as a CVthèque search")

    monkeypatch.setattr(selectors, "cvtheque_search", no_cvtheque_search)
    rows = selectors.dashboard_saved_searches(user=recruiter.user)
    assert [(row.search.kind, row.new_profiles) for row in rows] == [("matching", 0)]
