"""Who opens what in the Wagtail admin.

Staff screens (wagtail-modeladmin) answer only to holders of the model's permission, whatever the view
(history included). Recruiters reach the admin for their own space only: every other admin URL answers
403, in particular the Wagtail screens that showed other companies' titles, files and names.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RoutePattern
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page

from cms.models import CompanyIndexPage
from cms.services import company_page_get_or_create, site_ensure
from matching.choices import RunSource
from matching.models import MatchRun
from recruiters.admin_access import (
    RECRUITER_ADMIN_NAMESPACES,
    RECRUITER_ADMIN_PAGE_URLS,
    RECRUITER_ADMIN_URL_NAMES,
    recruiter_may_open,
)
from recruiters.choices import RecruiterStatus
from tests.cms.conftest import make_image, words
from tests.factories import (
    CompanyFactory,
    ContactRequestFactory,
    JoinRequestFactory,
    ModeratorFactory,
    RecruiterFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MIDDLEWARE = "recruiters.admin_access.RecruiterAdminAllowListMiddleware"


def _published_page(company, user):
    page = company_page_get_or_create(company=company, user=user)
    page.description = f"<p>{words(150)}</p>"
    page.save_revision(user=user).publish()
    page.refresh_from_db()
    return page


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Company A (the prober's), company B (whose objects leak), staff with and without the rights."""
    with django_db_blocker.unblock(), transaction.atomic():
        site_ensure()
        recruiter_a = RecruiterFactory(company=CompanyFactory(name="Ateliers Alpha"))
        page_a = company_page_get_or_create(company=recruiter_a.company, user=recruiter_a.user)
        company_b = CompanyFactory(name="Brasserie Bêta")
        recruiter_b = RecruiterFactory(company=company_b)
        page_b = _published_page(company_b, recruiter_b.user)
        # A draft title of B's only its recruiters and the staff may read.
        page_b.title = "Brouillon secret de Bêta"
        page_b.save_revision(user=recruiter_b.user)
        collection_b = company_b.page_access.collection
        image_b = make_image(190, 190, "PNG", name="logo-secret-beta.png", collection=collection_b)
        document_b = get_document_model()(title="Document secret de Bêta", collection=collection_b)
        document_b.file = ContentFile(b"interne", name="interne-beta.txt")
        document_b.save()
        pending_b = RecruiterFactory(company=company_b, status=RecruiterStatus.PENDING)
        join_request_b = JoinRequestFactory(company=company_b)
        contact_request_b = ContactRequestFactory(company=company_b, author=recruiter_b.user,
                                                  subject="Demande confidentielle de Bêta")
        match_run_b = MatchRun.objects.create(
            company=company_b, user=recruiter_b.user, user_email=recruiter_b.user.email,
            source=RunSource.values[0], search_key="criteria:beta", file_name="fiche-secrete-beta.pdf",
            threshold=50.0, at=timezone.now(),
        )
        # Staff who may open the admin but hold no moderation right: the views themselves must refuse.
        plain_staff = UserFactory(is_staff=True, email="redaction@vivier.example")
        plain_staff.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        yield SimpleNamespace(
            recruiter_a=recruiter_a.user, page_a=page_a, company_b=company_b, recruiter_b=recruiter_b,
            page_b=page_b, image_b=image_b, document_b=document_b, pending_b=pending_b,
            join_request_b=join_request_b, contact_request_b=contact_request_b, match_run_b=match_run_b,
            moderator=ModeratorFactory(), superuser=UserFactory(is_staff=True, is_superuser=True),
            plain_staff=plain_staff, index=CompanyIndexPage.objects.get(),
        )
        transaction.set_rollback(True)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def refused(response) -> bool:
    return response.status_code in (403, 404)


def refused_by_wagtail(response) -> bool:
    """Wagtail turns a denial inside its admin views into a redirect to the dashboard, with a message."""
    return refused(response) or response.status_code == 302 and response["Location"] == "/admin/"


def admin_routes():
    """(name, pattern) of every URL pattern under the admin prefix, walked from the root URLconf."""

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), (f"{namespace}{pattern.name}" if pattern.name else None), pattern

    for route, name, pattern in walk(get_resolver().url_patterns, "", ""):
        if route.startswith("admin/"):
            yield name, pattern.pattern


# --- Staff screens: every modeladmin view asks for the model's permission ------------------------------

MODELADMIN_OBJECTS = {
    "recruiters_recruiter": "pending_b",
    "recruiters_company": "company_b",
    "recruiters_joinrequest": "join_request_b",
    "recruiters_contactrequest": "contact_request_b",
    "matching_matchrun": "match_run_b",
}


def modeladmin_routes() -> list[tuple[str, bool]]:
    """(URL name, takes an object) of every view of the project's ModelAdmins, found in the URLconf."""
    found = []
    for name, pattern in admin_routes():
        prefix = next((p for p in MODELADMIN_OBJECTS if name and name.startswith(f"{p}_modeladmin_")), None)
        if prefix:
            found.append((name, "instance_pk" in pattern.regex.groupindex))
    return sorted(set(found))


def modeladmin_url(world, name: str, takes_object: bool) -> str:
    prefix = name.split("_modeladmin_")[0]
    obj = getattr(world, MODELADMIN_OBJECTS[prefix])
    return reverse(name, args=[obj.pk]) if takes_object else reverse(name)


def test_every_modeladmin_view_is_found():
    names = {name for name, _ in modeladmin_routes()}
    for prefix in MODELADMIN_OBJECTS:
        assert f"{prefix}_modeladmin_history" in names
        assert f"{prefix}_modeladmin_index" in names
    assert "recruiters_recruiter_modeladmin_approve" in names
    assert "recruiters_contactrequest_modeladmin_handled" in names


@pytest.mark.parametrize(("name", "takes_object"), modeladmin_routes())
def test_modeladmin_views_refuse_staff_without_the_model_permission(world, name, takes_object):
    url = modeladmin_url(world, name, takes_object)
    client = client_for(world.plain_staff)
    assert refused_by_wagtail(client.get(url)), url
    assert refused_by_wagtail(client.post(url, {"reason": "abuse", "note": "x"})), url
    world.pending_b.refresh_from_db()
    assert world.pending_b.status == RecruiterStatus.PENDING


@pytest.mark.parametrize(("name", "takes_object"), modeladmin_routes())
def test_modeladmin_views_refuse_recruiters_even_without_the_allow_list(world, settings, name, takes_object):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != MIDDLEWARE]
    url = modeladmin_url(world, name, takes_object)
    response = client_for(world.recruiter_a).get(url)
    assert refused_by_wagtail(response), url
    assert b"Demande confidentielle" not in response.content and b"fiche-secrete" not in response.content


@pytest.mark.parametrize(
    ("user", "name", "obj"),
    [
        ("moderator", "recruiters_recruiter_modeladmin_history", "pending_b"),
        ("moderator", "recruiters_company_modeladmin_history", "company_b"),
        ("moderator", "recruiters_joinrequest_modeladmin_history", "join_request_b"),
        ("moderator", "recruiters_contactrequest_modeladmin_history", "contact_request_b"),
        ("moderator", "recruiters_recruiter_modeladmin_inspect", "pending_b"),
        ("moderator", "recruiters_company_modeladmin_inspect", "company_b"),
        ("moderator", "recruiters_contactrequest_modeladmin_inspect", "contact_request_b"),
        ("moderator", "recruiters_recruiter_modeladmin_approve", "pending_b"),
        ("superuser", "matching_matchrun_modeladmin_history", "match_run_b"),
        ("superuser", "matching_matchrun_modeladmin_inspect", "match_run_b"),
    ],
)
def test_staff_keep_the_moderation_screens(world, user, name, obj):
    response = client_for(getattr(world, user)).get(reverse(name, args=[getattr(world, obj).pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["recruiters_recruiter_modeladmin_index", "recruiters_company_modeladmin_index",
                                  "recruiters_joinrequest_modeladmin_index",
                                  "recruiters_contactrequest_modeladmin_index"])
def test_moderators_keep_the_listings(world, name):
    assert client_for(world.moderator).get(reverse(name)).status_code == 200


def test_the_match_run_log_and_its_export_stay_with_the_superuser(world):
    client = client_for(world.superuser)
    assert client.get(reverse("matching_matchrun_modeladmin_index")).status_code == 200
    export = client.get(reverse("matching_matchrun_modeladmin_index") + "?export=csv")
    assert export.status_code == 200 and b"fiche-secrete-beta.pdf" in b"".join(export.streaming_content)
    moderator = client_for(world.moderator)
    assert refused_by_wagtail(moderator.get(reverse("matching_matchrun_modeladmin_index") + "?export=csv"))


# --- Recruiters: their space only ----------------------------------------------------------------------

LEAKS = {
    "images API": lambda w: "/admin/api/main/images/",
    "image detail API": lambda w: f"/admin/api/main/images/{w.image_b.pk}/",
    "documents API": lambda w: "/admin/api/main/documents/",
    "document detail API": lambda w: f"/admin/api/main/documents/{w.document_b.pk}/",
    "pages API": lambda w: f"/admin/api/main/pages/?child_of={w.index.pk}",
    "page detail API": lambda w: f"/admin/api/main/pages/{w.page_b.pk}/",
    "move confirm": lambda w: f"/admin/pages/{w.page_b.pk}/move/{w.page_a.pk}/confirm/",
    "move": lambda w: f"/admin/pages/{w.page_b.pk}/move/",
    "page chooser on B": lambda w: f"/admin/choose-page/{w.page_b.pk}/",
    "page types report": lambda w: "/admin/reports/page-types-usage/",
    "workflow report": lambda w: "/admin/reports/workflow/",
    "workflow tasks report": lambda w: "/admin/reports/workflow_tasks/",
    "site history report": lambda w: "/admin/reports/site-history/",
    "aging pages report": lambda w: "/admin/reports/aging-pages/",
    "locked pages report": lambda w: "/admin/reports/locked/",
    "page type usage": lambda w: "/admin/pages/usage/cms/companypage/",
    "page usage": lambda w: f"/admin/pages/{w.page_b.pk}/usage/",
    "forms": lambda w: "/admin/forms/",
    "page search": lambda w: "/admin/pages/search/?q=Bêta",
    "explorer": lambda w: f"/admin/pages/{w.index.pk}/",
    "tag autocomplete": lambda w: "/admin/tag-autocomplete/?term=a",
    "B draft": lambda w: f"/admin/pages/{w.page_b.pk}/view_draft/",
    "B revisions": lambda w: f"/admin/pages/{w.page_b.pk}/revisions/",
    "B history": lambda w: f"/admin/pages/{w.page_b.pk}/history/",
    "B workflow history": lambda w: f"/admin/pages/{w.page_b.pk}/workflow_history/",
}
SECRETS = (b"Brouillon secret", b"logo-secret-beta", b"Document secret", b"interne-beta")


@pytest.mark.parametrize("leak", list(LEAKS))
def test_recruiters_are_refused_the_screens_that_showed_other_companies(world, leak):
    response = client_for(world.recruiter_a).get(LEAKS[leak](world))
    assert refused(response), response.status_code
    assert not any(secret in response.content for secret in SECRETS)


@pytest.mark.parametrize("leak", ["images API", "documents API", "move confirm", "page chooser on B",
                                  "page types report", "workflow report", "site history report",
                                  "aging pages report", "page type usage", "forms", "explorer", "B history"])
def test_staff_keep_the_full_admin(world, leak):
    assert client_for(world.superuser).get(LEAKS[leak](world)).status_code == 200


def test_moderators_keep_the_moderation_report(world):
    url = reverse("wagtailadmin_reports:workflow_tasks") + "?reviewable=true&status=in_progress"
    assert client_for(world.moderator).get(url).status_code == 200


def test_a_recruiter_cannot_move_another_company_page(world):
    parent = world.page_b.get_parent()
    response = client_for(world.recruiter_a).post(f"/admin/pages/{world.page_b.pk}/move/{world.page_a.pk}/confirm/")
    assert refused(response)
    assert Page.objects.get(pk=world.page_b.pk).get_parent() == parent


RECRUITER_SPACE = {
    "dashboard": lambda w: "/admin/",
    "own page editor": lambda w: f"/admin/pages/{w.page_a.pk}/edit/",
    "own page history": lambda w: f"/admin/pages/{w.page_a.pk}/history/",
    "own page in the explorer": lambda w: f"/admin/pages/{w.page_a.pk}/",
    "own page usage": lambda w: f"/admin/pages/{w.page_a.pk}/usage/",
    "offers": lambda w: reverse("recruiters_admin:offers"),
    "team": lambda w: reverse("recruiters_admin:team"),
    "cvtheque": lambda w: reverse("search_admin:search"),
    "matching": lambda w: reverse("matching_admin:offers"),
    "page chooser": lambda w: "/admin/choose-page/",
    "page chooser on the index": lambda w: f"/admin/choose-page/{w.index.pk}/",
    "external link chooser": lambda w: "/admin/choose-external-link/",
    "image chooser": lambda w: "/admin/images/chooser/",
    "banner chooser": lambda w: reverse("cms_banniere_chooser:choose"),
    "account": lambda w: "/admin/account/",
    "translations": lambda w: "/admin/jsi18n/",
}


@pytest.mark.parametrize("screen", list(RECRUITER_SPACE))
def test_recruiters_keep_their_space(world, screen):
    response = client_for(world.recruiter_a).get(RECRUITER_SPACE[screen](world))
    assert response.status_code == 200, response.status_code
    assert not any(secret in response.content for secret in SECRETS)


def test_my_company_page_still_opens_the_editor(world):
    response = client_for(world.recruiter_a).get(reverse("cms:my_company_page"))
    assert response["Location"] == f"/admin/pages/{world.page_a.pk}/edit/"


def test_the_page_chooser_on_the_index_lists_no_other_company(world):
    html = client_for(world.recruiter_a).get(f"/admin/choose-page/{world.index.pk}/").content.decode()
    assert world.page_a.title in html and "Brasserie Bêta" not in html


# --- The allow-list against the URLconf ----------------------------------------------------------------

SAMPLE_VALUES = {
    "app_label": "cms", "app_name": "cms", "content_type_app_name": "cms",
    "model_name": "companypage", "content_type_model_name": "companypage",
    "revision_id_a": "earliest", "revision_id_b": "latest", "filter_spec": "original", "rule_key": "banniere",
}


def sample_url(name, pattern, world) -> str:
    """The URL of a pattern with every id pointing at company B's page (or any plausible value)."""
    if isinstance(pattern, RoutePattern):
        keys = {key: ("int" if type(conv).__name__ == "IntConverter" else "str")
                for key, conv in pattern.converters.items()}
    else:
        keys = dict.fromkeys(pattern.regex.groupindex, "str")
    kwargs = {}
    for key, kind in keys.items():
        if key in SAMPLE_VALUES:
            kwargs[key] = SAMPLE_VALUES[key]
        elif kind == "int" or key.endswith(("id", "pk")):
            kwargs[key] = world.page_b.pk
        else:
            kwargs[key] = "x"
    return reverse(name, kwargs=kwargs)


def _in_recruiter_space(name: str) -> bool:
    return name.split(":")[0] in RECRUITER_ADMIN_NAMESPACES if ":" in name else False


def test_every_allowed_name_exists_in_the_urlconf():
    names = {name for name, _ in admin_routes() if name}
    assert set(RECRUITER_ADMIN_URL_NAMES) <= names, set(RECRUITER_ADMIN_URL_NAMES) - names
    assert set(RECRUITER_ADMIN_PAGE_URLS) <= names, set(RECRUITER_ADMIN_PAGE_URLS) - names
    namespaces = {name.split(":")[0] for name in names if ":" in name}
    assert set(RECRUITER_ADMIN_NAMESPACES) <= namespaces


def test_every_other_admin_url_is_refused_to_recruiters(world):
    """Walks the URLconf: an admin URL added later is closed to recruiters until someone allows it."""
    client = client_for(world.recruiter_a)
    checked = []
    for name, pattern in admin_routes():
        if name is None or _in_recruiter_space(name):
            continue
        try:
            url = sample_url(name, pattern, world)
        except NoReverseMatch:
            pytest.fail(f"cannot build a URL for {name}")
        if name in RECRUITER_ADMIN_URL_NAMES and name not in {"wagtailadmin_choose_page_child"}:
            continue
        response = client.get(url)
        assert refused(response), (name, url, response.status_code)
        checked.append(name)
    # Wagtail's own screens: a few hundred, minus the handful a recruiter needs.
    assert len(checked) > 150
    for unnamed in ("/admin/test404/", "/admin/nulle-part/", "/admin/password_reset/"):
        response = client.get(unnamed)
        assert refused(response) or response.status_code == 302 and "/compte/" in response["Location"], unnamed


def test_the_allow_list_does_not_apply_to_staff(world):
    client = client_for(world.superuser)
    assert client.get("/admin/reports/site-history/").status_code == 200
    assert client.get("/admin/api/main/images/").status_code == 200


def test_recruiter_may_open_scopes_page_urls_to_editable_pages(world, rf):
    request = rf.get("/")
    request.user = world.recruiter_a
    assert recruiter_may_open(request, "wagtailadmin_pages:edit", {"page_id": world.page_a.pk})
    assert not recruiter_may_open(request, "wagtailadmin_pages:edit", {"page_id": world.page_b.pk})
    assert not recruiter_may_open(request, "wagtailadmin_pages:revisions_compare", {"pk": world.page_b.pk})
    assert not recruiter_may_open(request, "wagtailadmin_choose_page_child", {"parent_page_id": world.page_b.pk})
    assert recruiter_may_open(request, "wagtailadmin_choose_page_child", {"parent_page_id": world.index.pk})
    assert recruiter_may_open(request, "recruiters_admin:offers", {})
    assert not recruiter_may_open(request, "wagtailadmin_reports:site_history", {})
    assert not recruiter_may_open(request, None, {})



@pytest.mark.parametrize("screen", ["dashboard", "own page editor", "offers", "cvtheque"])
def test_recruiter_screens_link_only_to_what_recruiters_may_open(world, rf, screen):
    """A link the recruiter would follow to a 403 is a dead end: every admin link of their screens opens."""
    html = client_for(world.recruiter_a).get(RECRUITER_SPACE[screen](world)).content.decode()
    links = set(re.findall(r'(?:href|action|data-[a-z-]*url)="(/admin/[^"?#]*)', html))
    assert links
    request = rf.get("/")
    request.user = world.recruiter_a
    closed = []
    for link in sorted(links):
        try:
            match = resolve(link)
        except Resolver404:
            continue
        if not recruiter_may_open(request, match.view_name if match.url_name else None, match.kwargs):
            closed.append(link)
    assert not closed
