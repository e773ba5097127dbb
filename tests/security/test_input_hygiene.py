"""Control characters sent in GET parameters (and in POSTed text) never reach a query.

PostgreSQL refuses a NUL in a text value: a `%00` that reached the ORM answered 500 there, and on
SQLite it was quietly searched for. Every parameter name the project's views read is sent with a NUL
and with another control character; each request must answer without a 500 AND no SQL parameter may
carry a control character (what the code received, so this fails on SQLite too).
"""

from __future__ import annotations

import inspect
import re
from contextlib import contextmanager
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.urls import get_resolver

from cms.forms import CompanyFilterForm
from cms.services import site_ensure
from matching import extraction, loader
from matching import services as matching_services
from matching.forms import CriteriaForm
from matching.models import MatchRun
from matching.views.admin import SEARCH_PARAMS
from portal.candidates.models import CandidateProfile
from portal.reference import geo
from recruiters.filters import ApplicationFilter, OfferFilter
from recruiters.forms_offers import EmailPrepareForm
from recruiters.models import Company, JobOffer
from search.backends import cvtheque_backend
from search.backends.xapian import forget_readers
from search.facets import FACETS
from search.indexing import index_profiles
from search.models import SavedSearch
from search.offers.forms import OfferSearchForm
from tests.factories import (
    ApplicationFactory,
    CandidateProfileFactory,
    CommuneFactory,
    DepartmentFactory,
    ExperienceFactory,
    ModeratorFactory,
    NafSectorFactory,
    RecruiterFactory,
)
from tests.factories.offers import JobOfferFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PROJECT_PACKAGES = ("portal", "recruiters", "search", "matching", "cms")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A NUL and another control character inside a plausible value; a form field refuses the NUL before
# any query, so the other control character is also sent alone where that is cheap.
PROBES = ("6\x003\x01",)
BOTH_PROBES = (*PROBES, "63\x01")

# GET parameters the project's own views read, by URL, beyond the fields of their forms and filters.
CVTHEQUE_PARAMS = ("q", "lieu", "commune", "commune_label", "rayon", "departement", "mode", "tri", "page",
                   "par_page", *(facet.key for facet in FACETS))
MATCHING_PARAMS = (*CriteriaForm.base_fields, *SEARCH_PARAMS, "run", "extracted", "threshold", "page")


@pytest.fixture(autouse=True)
def fresh_process_state():
    """Process-wide caches (matching matrix, place coordinates, CVthèque readers) start empty."""
    loader.reset()
    matching_services.reset_cache()
    extraction.reset_vocabularies()
    geo.reset()
    forget_readers()
    yield
    loader.reset()
    matching_services.reset_cache()
    extraction.reset_vocabularies()
    geo.reset()
    forget_readers()


@pytest.fixture
def world():
    """A company with a published offer, an application and a CVthèque profile; a moderator."""
    site_ensure()
    department = DepartmentFactory(code="63", name="Puy-de-Dôme")
    commune = CommuneFactory(insee="63113", name="Clermont-Ferrand", department=department)
    sector = NafSectorFactory(code="22.11Z")
    recruiter = RecruiterFactory(company__commune=commune, company__naf_sector=sector)
    offer = JobOfferFactory(company=recruiter.company, commune=commune, published=True, title="Soudeur TIG")
    profile = CandidateProfileFactory(headline="Soudeuse TIG", home_commune=commune, visible_in_cvtheque=True,
                                      cv_text="Soudure TIG, lecture de plans.")
    ExperienceFactory(profile=profile, title="Soudeuse")
    application = ApplicationFactory(offer=offer, candidate=profile)
    backend = cvtheque_backend()
    backend.clear()
    index_profiles(profile_ids=[profile.pk])
    yield {"recruiter": recruiter, "offer": offer, "profile": profile, "application": application,
           "moderator": ModeratorFactory(), "candidate": profile.user}
    backend.clear()


def stored_state() -> dict:
    return {
        "offers": list(JobOffer.objects.order_by("pk").values_list("pk", "title", "status", "updated_at")),
        "profiles": list(CandidateProfile.objects.order_by("pk").values_list("pk", "headline", "updated_at")),
        "companies": list(Company.objects.order_by("pk").values_list("pk", "name", "status")),
        "saved_searches": SavedSearch.objects.count(),
    }


@contextmanager
def sql_parameters_watched(seen: list):
    """Record every SQL parameter holding a control character (what reached the database)."""

    def watch(execute, sql, params, many, context):
        rows = params if many else [params]
        for row in rows or ():
            values = row.values() if isinstance(row, dict) else (row or ())
            seen.extend((sql, value) for value in values if isinstance(value, str) and CONTROL.search(value))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        yield


def probe(client: Client, url: str, names, *, extra: dict | None = None, values=PROBES) -> list[str]:
    """GET `url` once per parameter name and control probe; the failures, described."""
    failures = []
    for name in dict.fromkeys(names):
        for value in values:
            query = urlencode({**(extra or {}), name: value})
            seen: list = []
            with sql_parameters_watched(seen):
                response = client.get(f"{url}?{query}")
            if response.status_code >= 500:
                failures.append(f"{url}?{query} answered {response.status_code}")
            if seen:
                failures.append(f"{url}?{query} sent {seen[0][1]!r} to the database ({seen[0][0][:80]}...)")
    return failures


def modeladmin_index_views(client: Client):
    """Every wagtail-modeladmin index view of the project, with the GET parameters its search box,
    ordering, pagination and filter links send (read from the page itself)."""
    for pattern in get_resolver().url_patterns:
        for entry in getattr(pattern, "url_patterns", ()):
            if not (getattr(entry, "name", "") or "").endswith("_modeladmin_index"):
                continue
            # Wagtail wraps its admin views (admin access check); the ModelAdmin is under the wrapper.
            url = inspect.unwrap(entry.callback).__self__.url_helper.index_url
            html = client.get(url).content.decode()
            links = re.findall(r'href="\?([^"#]*)"', html)
            filters = {name for link in links for name in QueryDict(unescape(link))}
            yield url, ["q", "o", "p", *sorted(filters)]


def test_every_get_parameter_a_view_reads_is_probed():
    """A view reading a new GET parameter by name gets it probed here (add it to a list above)."""
    read = set()
    for package in PROJECT_PACKAGES:
        for path in (ROOT / package.replace(".", "/")).rglob("*.py"):
            read |= set(re.findall(r"\bGET\.get(?:list)?\(\s*\"(\w+)\"", path.read_text(encoding="utf-8")))
    probed = {*CVTHEQUE_PARAMS, *MATCHING_PARAMS, "next", "retour", "export", "download", "tab", "image", "page",
              "modele", "q"}
    assert read, "the scan found no GET parameter: the pattern above no longer matches the code"
    assert read <= probed, f"GET parameters read by a view but not probed: {sorted(read - probed)}"


def test_anonymous_get_lists_refuse_control_characters(client, world):
    client.raise_request_exception = False
    before = stored_state()
    failures = [
        *probe(client, "/offres/", [*OfferSearchForm.base_fields, "page"], values=BOTH_PROBES),
        *probe(client, "/entreprises/", [*CompanyFilterForm.base_fields, "page"], values=BOTH_PROBES),
        *probe(client, "/reference/communes/", ["q"]),
        *probe(client, "/compte/connexion/", ["next"]),
        *probe(client, "/espace-recruteur/connexion/", ["next"]),
        *probe(client, "/espace-candidat/confirmation/", ["next"]),
    ]
    assert not failures, "\n".join(failures)
    assert stored_state() == before


def test_recruiter_lists_and_searches_refuse_control_characters(client, world):
    client.raise_request_exception = False
    client.force_login(world["recruiter"].user)
    application, profile = world["application"], world["profile"]
    before = stored_state()
    failures = [
        *probe(client, "/admin/cvtheque/", CVTHEQUE_PARAMS, extra={"q": "soudure"}),
        *probe(client, f"/admin/cvtheque/profils/{profile.pk}/", ["retour"]),
        *probe(client, "/admin/recruteur/offres/", [*OfferFilter.base_filters, "export", "sort", "page"]),
        *probe(client, "/admin/recruteur/candidatures/", [*ApplicationFilter.base_filters, "sort", "page"]),
        *probe(client, f"/admin/recruteur/candidatures/{application.pk}/", [*EmailPrepareForm.base_fields]),
        *probe(client, f"/admin/recruteur/candidatures/{application.pk}/cv/", ["download"]),
        *probe(client, "/admin/matching/recherche/", MATCHING_PARAMS, extra={"job_titles": "Soudeur"}),
        *probe(client, "/admin/matching/recherche/resultats.json", ["job_titles", "commune", "sectors"]),
        *probe(client, f"/admin/matching/profil/{profile.pk}/", ["tab", "job_titles", "commune"]),
        *probe(client, f"/admin/matching/profil/{profile.pk}/cv/", ["download"]),
        *probe(client, "/admin/images/", ["q", "collection_id", "ordering", "p"]),
        *probe(client, "/admin/pages-entreprise/image-publiee/logo/", ["image"]),
    ]
    assert not failures, "\n".join(failures)
    assert stored_state() == before
    assert not any(CONTROL.search(str(run.criteria)) for run in MatchRun.objects.all())


def test_moderator_lists_refuse_control_characters(client, world):
    client.raise_request_exception = False
    client.force_login(world["moderator"])
    before = stored_state()
    views = list(modeladmin_index_views(client))
    assert len(views) >= 5
    failures = []
    for url, names in views:
        failures += probe(client, url, names)
    failures += probe(client, "/admin/pages/search/", ["q", "p"])
    failures += probe(client, "/admin/documents/", ["q", "p"])
    assert not failures, "\n".join(failures)
    assert stored_state() == before


def test_moderator_lists_answer_an_unreadable_filter_with_the_whole_list(client, world):
    """A date filter given a value that is no date (or an unknown lookup) shows the list unfiltered
    with a French message: wagtail-modeladmin let Django's IncorrectLookupParameters through as a 500."""
    client.raise_request_exception = False
    client.force_login(world["moderator"])
    for url in ("/admin/recruiters/recruiter/?created_at__gte=abc",
                "/admin/recruiters/company/?created_at__lt=2020-13-45",
                "/admin/recruiters/recruiter/?nonexistent__in=1"):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert response.redirect_chain[-1][0] == url.split("?")[0], url
        assert "Ce filtre n’est pas valide" in response.content.decode(), url


def test_posted_control_characters_never_reach_a_query(client, world):
    """Raw POST fields (a matching dismissal's key) and the search criteria a saved search posts back
    (a query string inside a field, where `%00` is only decoded by the view)."""
    client.raise_request_exception = False
    client.force_login(world["recruiter"].user)
    profile = world["profile"]
    seen: list = []
    with sql_parameters_watched(seen):
        dismissed = client.post(f"/admin/matching/profil/{profile.pk}/",
                                {"action": "dismiss", "search_key": "cle\x00\x01"})
        saved = client.post("/admin/cvtheque/enregistrer/", {
            "criteria": urlencode({"q": "soudure", "departement": "6\x003", "sector": "\x01"}),
            "new_folder": "Soudure", "name": "Soudeurs\x00 du 63", "alert_frequency": "none",
        })
    assert dismissed.status_code < 500 and saved.status_code < 500
    assert seen == []
    assert SavedSearch.objects.count() == 1
    for search in SavedSearch.objects.all():
        assert not CONTROL.search(str(search.criteria) + search.name)
