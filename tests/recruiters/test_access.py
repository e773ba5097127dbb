"""Only validated recruiters of an active company reach the recruiter space; its menu shows only their items."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from django.views import View
from wagtail import hooks
from wagtail.admin.menu import admin_menu
from wagtail.log_actions import log

from portal.accounts.choices import Role
from recruiters import wagtail_hooks as recruiter_hooks
from recruiters.choices import CompanyStatus, RecruiterStatus
from recruiters.services import company_suspend
from recruiters.views.access import RecruiterRequiredMixin, recruiter_required
from recruiters.wagtail_hooks import RECRUITER_MENU_NAMES, ComingSoonMenuItem, RecruiterMenuItem
from tests.factories import (
    CompanyFactory,
    JoinRequestFactory,
    ModeratorFactory,
    RecruiterFactory,
    UserFactory,
)
from tests.factories.recruiters import RecruiterUserFactory

pytestmark = pytest.mark.django_db

RECRUITER_URLS = [
    "/admin/recruteur/equipe/",
    "/admin/recruteur/equipe/quitter/",
    "/admin/recruteur/contact/",
    "/admin/recruteur/offres/",
    "/admin/recruteur/candidatures/",
    "/admin/recruteur/cvtheque/",
    "/admin/recruteur/page-entreprise/",
    "/admin/recruteur/offres-augmentees/",
    "/admin/recruteur/visiotalent/",
]


def blocked_users():
    return {
        "pending": lambda: RecruiterFactory(pending=True).user,
        "rejected": lambda: RecruiterFactory(status=RecruiterStatus.REJECTED,
                                             company=CompanyFactory(status=CompanyStatus.REJECTED)).user,
        "suspended": lambda: RecruiterFactory(status=RecruiterStatus.SUSPENDED).user,
        "company_suspended": lambda: RecruiterFactory(company=CompanyFactory(status=CompanyStatus.SUSPENDED)).user,
        "company_pending": lambda: RecruiterFactory(company=CompanyFactory(status=CompanyStatus.PENDING)).user,
        "unconfirmed_email": lambda: RecruiterFactory(user=RecruiterUserFactory(email_confirmed_at=None)).user,
        "inactive_user": lambda: RecruiterFactory(user=RecruiterUserFactory(is_active=False)).user,
        "join_pending": lambda: JoinRequestFactory().user,
        "candidate": lambda: UserFactory(role=Role.CANDIDATE),
        "staff": lambda: ModeratorFactory(),
    }


@pytest.mark.parametrize("kind", list(blocked_users()))
def test_non_validated_users_reach_no_recruiter_view(client, kind):
    user = blocked_users()[kind]()
    # Even with admin access left over (a stale group), the views check the company on every request.
    user.groups.add(Group.objects.get(name="Recruteurs"))
    client.force_login(user)
    for url in RECRUITER_URLS:
        response = client.get(url)
        assert response.status_code in {302, 403}, (kind, url)
        if response.status_code == 302:
            assert response["Location"] in {"/admin/", "/espace-recruteur/connexion/?next=" + url}, (kind, url)


@pytest.mark.parametrize("kind", ["pending", "rejected", "suspended", "candidate"])
def test_non_validated_users_have_no_admin_access_at_all(client, kind):
    user = blocked_users()[kind]()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/espace-recruteur/connexion/")


def test_anonymous_visitors_are_sent_to_the_recruiter_login(client):
    for url in RECRUITER_URLS + ["/admin/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/espace-recruteur/connexion/")


def test_a_validated_recruiter_reaches_every_recruiter_view(client):
    recruiter = RecruiterFactory()
    RecruiterFactory(company=recruiter.company)  # so that "leave" is allowed
    client.force_login(recruiter.user)
    for url in RECRUITER_URLS:
        assert client.get(url, follow=True).status_code == 200, url


def test_decorator_and_mixin_enforce_the_same_rule():
    factory = RequestFactory()

    @recruiter_required
    def function_view(request):
        return HttpResponse(request.company.name)

    class ClassView(RecruiterRequiredMixin, View):
        def get(self, request):
            return HttpResponse(self.company.name)

    active = RecruiterFactory()
    pending = RecruiterFactory(pending=True)
    for view in (function_view, ClassView.as_view()):
        request = factory.get("/")
        request.user = active.user
        assert view(request).content.decode() == active.company.name
        request = factory.get("/")
        request.user = pending.user
        with pytest.raises(PermissionDenied):
            view(request)
        request = factory.get("/x/")
        request.user = AnonymousUser()
        assert view(request)["Location"] == "/espace-recruteur/connexion/?next=/x/"


def menu_names(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    items = admin_menu.menu_items_for_request(request)
    names = {item.name for item in items}
    for item in items:
        if hasattr(item, "menu"):
            names |= {f"{item.name}/{child.name}" for child in item.menu.menu_items_for_request(request)}
    return names


def test_recruiter_menu_shows_only_the_recruiter_items():
    assert menu_names(RecruiterFactory().user) == {
        "tableau-de-bord", "mes-offres", "mes-candidatures", "cvtheque", "ma-page-entreprise", "contact",
        "parametres-recruteur", "parametres-recruteur/equipe", "parametres-recruteur/offres-augmentees",
        "parametres-recruteur/visiotalent",
        # The CVthèque tab of the tutorial: keyword search, folders, and the three ways into matching.
        "cvtheque/cvtheque-recherche", "cvtheque/cvtheque-dossiers", "cvtheque/matching-offres",
        "cvtheque/matching-charger", "cvtheque/matching-recherche",
    }


def test_a_real_menu_item_replaces_its_coming_soon_placeholder(monkeypatch):
    # Every recruiter feature is built now, so the test brings its own placeholder.
    monkeypatch.setattr(recruiter_hooks, "RECRUITER_MENU_NAMES", {*RECRUITER_MENU_NAMES, "fonction-a-venir"})
    def placeholder():
        return ComingSoonMenuItem("Bientôt", "/admin/bientot/", name="fonction-a-venir")

    def real_item():
        return RecruiterMenuItem("Pour de vrai", "/admin/pour-de-vrai/", name="fonction-a-venir")

    request = RequestFactory().get("/admin/")
    request.user = RecruiterFactory().user
    with hooks.register_temporarily("register_admin_menu_item", placeholder):
        admin_menu.__dict__.pop("registered_menu_items", None)  # the menu caches its items
        alone = [item.url for item in admin_menu.menu_items_for_request(request) if item.name == "fonction-a-venir"]
        with hooks.register_temporarily("register_admin_menu_item", real_item):
            admin_menu.__dict__.pop("registered_menu_items", None)
            both = [item.url for item in admin_menu.menu_items_for_request(request) if item.name == "fonction-a-venir"]
    admin_menu.__dict__.pop("registered_menu_items", None)
    assert alone == ["/admin/bientot/"]
    assert both == ["/admin/pour-de-vrai/"]


def test_non_recruiters_do_not_see_the_recruiter_items():
    for user in (ModeratorFactory(), RecruiterFactory(pending=True).user):
        assert not menu_names(user) & {"mes-offres", "contact", "tableau-de-bord", "parametres-recruteur"}


def test_recruiter_dashboard_has_the_two_panels_and_no_cms_search(client):
    recruiter = RecruiterFactory(company=CompanyFactory(name="Ateliers des Volcans"))
    client.force_login(recruiter.user)
    page = client.get("/admin/").content.decode()
    assert "Mes offres et candidatures" in page and "CVthèque" in page and "Recherches enregistrées" in page
    assert page.index("Mes offres et candidatures") < page.index("Rechercher des profils")
    assert "Ateliers des Volcans" in page
    assert "Rechercher toutes les pages" not in page


def test_staff_keeps_the_full_menu(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get("/admin/").content.decode()
    assert "Mes offres" not in page
    assert '"settings"' in page and "Comptes recruteurs" in page


@pytest.mark.parametrize("url", ["/admin/pages/", "/admin/images/", "/admin/documents/", "/admin/users/",
                                 "/admin/snippets/", "/admin/settings/",
                                 "/admin/groups/", "/admin/recruiters/recruiter/"])
def test_recruiters_lack_permissions_to_other_admin_areas(client, url):
    client.force_login(RecruiterFactory().user)
    response = client.get(url)
    assert response.status_code in {302, 403, 404}, url
    if response.status_code == 302:
        assert response["Location"] == "/admin/"


def test_after_login_each_user_lands_in_the_right_place(client):
    from tests.factories.accounts import DEFAULT_PASSWORD

    def login(user):
        client.logout()
        response = client.post("/espace-recruteur/connexion/", {"username": user.email,
                                                                 "password": DEFAULT_PASSWORD}, follow=True)
        return response.redirect_chain[-1][0]

    assert login(RecruiterFactory().user) == "/admin/"
    assert login(RecruiterFactory(pending=True).user) == "/espace-recruteur/mon-compte/"
    assert login(ModeratorFactory()) == "/admin/"
    unconfirmed = RecruiterFactory(pending=True, user=RecruiterUserFactory(email_confirmed_at=None, role="candidate"))
    assert login(unconfirmed.user) == "/espace-recruteur/mon-compte/"


@pytest.mark.parametrize(("kind", "text"), [
    ("pending", "en attente de validation"),
    ("rejected", "n'a pas été validé"),
    ("suspended", "Votre accès est suspendu"),
    ("company_suspended", "Votre accès est suspendu"),
    ("join_pending", "demande de rattachement est en attente"),
    ("candidate", "Pas de compte recruteur"),
])
def test_status_screen_explains_the_situation(client, kind, text):
    client.force_login(blocked_users()[kind]())
    response = client.get("/espace-recruteur/mon-compte/")
    assert response.status_code == 200
    assert text in response.content.decode().replace("&#x27;", "'")


def test_unconfirmed_user_can_ask_for_a_new_confirmation_link(client, mailoutbox):
    recruiter = RecruiterFactory(pending=True, user=RecruiterUserFactory(email_confirmed_at=None))
    client.force_login(recruiter.user)
    assert "Confirmez votre adresse" in client.get("/espace-recruteur/mon-compte/").content.decode()
    client.post("/espace-recruteur/mon-compte/")
    assert len(mailoutbox) == 1 and "/compte/confirmer/" in mailoutbox[0].body


def test_confirming_the_address_leaves_the_account_pending_and_says_so(client, mailoutbox, settings):
    from portal.accounts.services import user_confirm_email

    recruiter = RecruiterFactory(pending=True, user=RecruiterUserFactory(email_confirmed_at=None))
    user_confirm_email(user=recruiter.user)
    recruiter.refresh_from_db()
    assert recruiter.status == RecruiterStatus.PENDING
    assert recruiter.user.email_confirmed_at <= timezone.now()
    to_user, to_team = mailoutbox
    assert to_user.to == [recruiter.user.email] and "en attente de validation" in to_user.subject
    assert to_team.to == [settings.PLATFORM_TEAM_EMAIL] and recruiter.company.name in to_team.subject


def test_recruiters_see_nothing_in_the_site_history(client):
    other = CompanyFactory(name="Entreprise Confidentielle")
    log(instance=other, action="wagtail.edit", user=ModeratorFactory())
    client.force_login(RecruiterFactory().user)
    response = client.get("/admin/reports/site-history/")
    assert "Entreprise Confidentielle" not in response.content.decode()


def test_recruiters_cannot_change_their_address_without_confirmation(client):
    recruiter = RecruiterFactory()
    client.force_login(recruiter.user)
    page = client.get("/admin/account/").content.decode()
    assert 'name="name_email-email"' not in page


def test_status_screen_gives_the_latest_reason(client):
    recruiter = RecruiterFactory()
    company_suspend(company=recruiter.company, decided_by=None, reason="other", details="Impayés.")
    client.force_login(recruiter.user)
    page = client.get("/espace-recruteur/mon-compte/").content.decode()
    assert "Impayés." in page and "Autre motif" in page


def test_placeholder_addresses_lead_to_the_features_now_built(client):
    client.force_login(RecruiterFactory().user)
    response = client.get("/admin/recruteur/cvtheque/?q=comptable")
    assert response.status_code == 302 and response["Location"] == "/admin/cvtheque/?q=comptable"
    assert client.get("/admin/recruteur/page-entreprise/")["Location"] == "/admin/pages-entreprise/ma-page-entreprise/"
