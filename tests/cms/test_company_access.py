"""Who reaches a company page in the admin: its own recruiters only ("Ma page entreprise")."""

import pytest
from django.urls import reverse

from cms.models import CompanyIndexPage, CompanyPage
from cms.services import company_page_get_or_create
from recruiters.choices import RecruiterStatus, SuspensionReason
from recruiters.services import company_suspend
from tests.cms.conftest import edit_url, editor_data, make_image
from tests.factories import CandidateUserFactory, RecruiterFactory

pytestmark = pytest.mark.django_db

MY_PAGE_URL = "/admin/pages-entreprise/ma-page-entreprise/"


def denied(response) -> bool:
    """Wagtail answers a denied admin page with a redirect to its home (or 403 for other requests); a
    user without admin access at all goes back to the recruiter login."""
    if response.status_code == 403:
        return True
    location = response.get("Location", "")
    return response.status_code == 302 and (location == "/admin/" or location.startswith("/espace-recruteur/connexion/"))


@pytest.fixture
def other(site):
    """A recruiter of another company, with their own page."""
    recruiter = RecruiterFactory(company__name="Concurrents SA")
    company_page_get_or_create(company=recruiter.company, user=recruiter.user)
    return recruiter


def test_my_company_page_creates_the_draft_once_and_opens_the_editor(client, recruiter):
    client.force_login(recruiter.user)
    response = client.get(MY_PAGE_URL)
    page = CompanyPage.objects.get(company=recruiter.company)
    assert response.status_code == 302 and response["Location"] == edit_url(page)
    assert not page.live
    assert page.title == recruiter.company.name
    assert page.get_parent().specific_class is CompanyIndexPage
    assert client.get(MY_PAGE_URL)["Location"] == edit_url(page)
    assert CompanyPage.objects.filter(company=recruiter.company).count() == 1
    assert client.get(edit_url(page)).status_code == 200


def test_the_url_name_is_cms_my_company_page():
    assert reverse("cms:my_company_page") == MY_PAGE_URL


def test_the_recruiter_menu_links_to_my_company_page(client, recruiter):
    client.force_login(recruiter.user)
    html = client.get("/admin/").content.decode()
    assert MY_PAGE_URL in html
    # The recruiters app's "coming soon" placeholder stepped aside.
    assert reverse("recruiters_admin:company_page") not in html


def test_a_colleague_edits_the_same_page(client, recruiter, company_page):
    colleague = RecruiterFactory(company=recruiter.company)
    client.force_login(colleague.user)
    assert client.get(MY_PAGE_URL)["Location"] == edit_url(company_page)
    assert client.get(edit_url(company_page)).status_code == 200


def test_another_company_cannot_edit_the_page(client, company_page, other):
    client.force_login(other.user)
    assert denied(client.get(edit_url(company_page)))
    data = {"title": "Piraté", "slug": company_page.slug, "body-count": "0"}
    assert denied(client.post(edit_url(company_page), data))
    assert CompanyPage.objects.get(pk=company_page.pk).get_latest_revision_as_object().title != "Piraté"
    explorer = client.get(f"/admin/pages/{company_page.pk}/", follow=True).content.decode()
    assert edit_url(company_page) not in explorer


def test_another_company_does_not_see_the_page_in_the_explorer_or_choosers(client, company_page, other):
    other_page = CompanyPage.objects.get(company=other.company)
    client.force_login(other.user)
    index = CompanyIndexPage.objects.get()
    listing = client.get(f"/admin/pages/{index.pk}/")
    if listing.status_code == 200:
        assert company_page.title not in listing.content.decode()
    search = client.get("/admin/pages/search/", {"q": company_page.title}).content.decode()
    assert f"/admin/pages/{company_page.pk}/edit/" not in search
    chooser = client.get(f"/admin/choose-page/{index.pk}/").content.decode()
    assert company_page.title not in chooser
    assert other_page.title in chooser
    chooser_search = client.get("/admin/choose-page/search/", {"q": company_page.title}).content.decode()
    assert company_page.title not in chooser_search


def test_images_stay_within_the_company(client, recruiter, company_page, other):
    access = recruiter.company.page_access
    make_image(190, 190, "PNG", name="logo-secret-de-a.png", collection=access.collection)
    client.force_login(other.user)
    chooser = client.get("/admin/images/chooser/").content.decode()
    assert "logo-secret-de-a.png" not in chooser
    client.force_login(recruiter.user)
    assert "logo-secret-de-a.png" in client.get("/admin/images/chooser/").content.decode()


def test_a_recruiter_cannot_delete_move_or_copy_the_page(client, recruiter, company_page):
    client.force_login(recruiter.user)
    assert denied(client.get(f"/admin/pages/{company_page.pk}/delete/"))
    assert denied(client.post(f"/admin/pages/{company_page.pk}/delete/"))
    assert CompanyPage.objects.filter(pk=company_page.pk).exists()
    perms = company_page.permissions_for_user(recruiter.user)
    assert perms.can_edit() and not perms.can_publish()
    assert not perms.can_delete() and not perms.can_move() and not perms.can_copy()


@pytest.mark.parametrize("who", ["anonymous", "pending", "candidate", "moderator"])
def test_only_validated_recruiters_reach_my_company_page(client, site, who, moderator):
    if who == "anonymous":
        response = client.get(MY_PAGE_URL)
        assert response.status_code == 302 and response["Location"].startswith("/espace-recruteur/connexion/")
        return
    user = {
        "pending": lambda: RecruiterFactory(pending=True).user,
        "candidate": lambda: CandidateUserFactory(),
        "moderator": lambda: moderator,
    }[who]()
    client.force_login(user)
    response = client.get(MY_PAGE_URL)
    assert response.status_code in {302, 403}
    if response.status_code == 302:
        assert response["Location"] != edit_url(CompanyPage.objects.first() or CompanyPage())
    assert not CompanyPage.objects.exists()


def test_suspension_removes_edit_rights(client, recruiter, company_page, moderator):
    group = recruiter.company.page_access.group
    assert recruiter.user.groups.filter(pk=group.pk).exists()
    company_suspend(company=recruiter.company, decided_by=moderator, reason=SuspensionReason.ABUSE)
    assert not recruiter.user.groups.filter(pk=group.pk).exists()
    client.force_login(recruiter.user)
    assert denied(client.get(edit_url(company_page)))


def test_leaving_status_approved_removes_edit_rights(recruiter, company_page):
    recruiter.status = RecruiterStatus.SUSPENDED
    recruiter.save()
    assert not recruiter.user.groups.filter(pk=recruiter.company.page_access.group_id).exists()
    assert not company_page.permissions_for_user(recruiter.user).can_edit()


def test_recruiter_edit_form_does_not_offer_the_company_field(client, recruiter, company_page):
    client.force_login(recruiter.user)
    data = editor_data(client, company_page)
    assert "company" not in data
