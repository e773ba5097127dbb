"""Registration only: staff moderation, the "Accueil recruteur" setting, and the recruiter space menus,
dashboard and URLs. The views live in ``recruiters/views/``."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.contrib.settings.registry import register_setting
from wagtail_modeladmin.options import modeladmin_register

from .models import RecruiterHomeSettings
from .selectors import active_company_for_request
from .views import admin as recruiter_views
from .views import offers as offer_views
from .views import visiotalent_admin
from .views.moderation import ModerationGroup, PendingAccountsPanel
from .visiotalent.selectors import may_edit_catalogue

modeladmin_register(ModerationGroup)
register_setting(RecruiterHomeSettings, icon="doc-full")

# The only main-menu entries a recruiter sees. A later feature replaces a "coming soon" entry by
# registering a real MenuItem with the same name; the placeholder then disappears by itself.
RECRUITER_MENU_NAMES = {
    "tableau-de-bord",
    "mes-offres",
    "mes-candidatures",
    "cvtheque",
    "ma-page-entreprise",
    "parametres-recruteur",
    "contact",
}


class RecruiterMenuItem(MenuItem):
    def is_shown(self, request):
        return active_company_for_request(request) is not None


class ComingSoonMenuItem(RecruiterMenuItem):
    """Placeholder for a feature not built yet; superseded by any real item with the same name."""


class RecruiterSubmenuMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return active_company_for_request(request) is not None and super().is_shown(request)


@hooks.register("register_admin_urls")
def register_recruiter_space_urls():
    urls = [
        path("equipe/", recruiter_views.TeamView.as_view(), name="team"),
        path("equipe/invitations/<int:pk>/annuler/", recruiter_views.InvitationRevokeView.as_view(),
             name="invitation_revoke"),
        path("equipe/demandes/<int:pk>/accepter/", recruiter_views.JoinRequestDecisionView.as_view(accept=True),
             name="join_request_accept"),
        path("equipe/demandes/<int:pk>/refuser/", recruiter_views.JoinRequestDecisionView.as_view(accept=False),
             name="join_request_decline"),
        path("equipe/quitter/", recruiter_views.LeaveView.as_view(), name="leave"),
        path("contact/", recruiter_views.ContactView.as_view(), name="contact"),
        path("contact/<int:pk>/", recruiter_views.ContactDetailView.as_view(), name="contact_detail"),
        path("offres/", offer_views.OfferListView.as_view(), name="offers"),
        path("offres/nouvelle/", offer_views.OfferFormView.as_view(), name="offer_add"),
        path("offres/<int:pk>/", offer_views.OfferFormView.as_view(), name="offer_edit"),
        path("offres/<int:pk>/<slug:action>/", offer_views.OfferActionView.as_view(), name="offer_action"),
        path("candidatures/", offer_views.ApplicationListView.as_view(), name="applications"),
        path("candidatures/reglages/", offer_views.SettingsView.as_view(), name="application_settings"),
        path("candidatures/<int:pk>/", offer_views.ApplicationDetailView.as_view(), name="application_detail"),
        path("candidatures/<int:pk>/cv/", offer_views.ApplicationCvView.as_view(), name="application_cv"),
        path("cvtheque/", recruiter_views.coming_soon_view("cvtheque", feature_url_name="search_admin:search"),
             name="cvtheque"),
        path("page-entreprise/", recruiter_views.coming_soon_view("company_page", feature_url_name="cms:my_company_page"),
             name="company_page"),
        path("offres-augmentees/", offer_views.AugmentedRuleListView.as_view(), name="augmented_offers"),
        path("offres-augmentees/nouvelle/", offer_views.AugmentedRuleFormView.as_view(), name="augmented_add"),
        path("offres-augmentees/<int:pk>/", offer_views.AugmentedRuleFormView.as_view(), name="augmented_edit"),
        path("visiotalent/", visiotalent_admin.CampaignListView.as_view(), name="visiotalent"),
        path("visiotalent/campagnes/nouvelle/", visiotalent_admin.CampaignEditView.as_view(),
             name="visiotalent_campaign_add"),
        path("visiotalent/campagnes/<int:pk>/", visiotalent_admin.CampaignDetailView.as_view(),
             name="visiotalent_campaign"),
        path("visiotalent/campagnes/<int:pk>/modifier/", visiotalent_admin.CampaignEditView.as_view(),
             name="visiotalent_campaign_edit"),
        path("visiotalent/campagnes/<int:pk>/supprimer/", visiotalent_admin.CampaignDeleteView.as_view(),
             name="visiotalent_campaign_delete"),
        path("visiotalent/candidatures/<int:pk>/", visiotalent_admin.ApplicationInterviewsView.as_view(),
             name="visiotalent_application"),
        path("visiotalent/reponses/<int:pk>/video/", visiotalent_admin.AnswerVideoView.as_view(),
             name="visiotalent_answer_video"),
        path("visiotalent/inviter/", visiotalent_admin.BulkInviteView.as_view(), name="visiotalent_bulk_invite"),
    ]
    return [path("recruteur/", include((urls, "recruiters_admin"), namespace="recruiters_admin"))]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return RecruiterMenuItem("Tableau de bord", reverse("wagtailadmin_home"), name="tableau-de-bord",
                             icon_name="home", order=10)


@hooks.register("register_admin_menu_item")
def register_offers_menu_item():
    return RecruiterMenuItem("Mes offres", reverse("recruiters_admin:offers"), name="mes-offres",
                             icon_name="doc-full", order=20)


@hooks.register("register_admin_menu_item")
def register_applications_menu_item():
    return RecruiterMenuItem("Mes candidatures", reverse("recruiters_admin:applications"),
                             name="mes-candidatures", icon_name="clipboard-list", order=30)


@hooks.register("register_admin_menu_item")
def register_cvtheque_menu_item():
    return ComingSoonMenuItem("CVthèque", reverse("recruiters_admin:cvtheque"), name="cvtheque",
                              icon_name="search", order=40)


@hooks.register("register_admin_menu_item")
def register_company_page_menu_item():
    return ComingSoonMenuItem("Ma page entreprise", reverse("recruiters_admin:company_page"),
                              name="ma-page-entreprise", icon_name="site", order=50)


@hooks.register("register_admin_menu_item")
def register_recruiter_settings_menu():
    submenu = Menu(
        items=[
            RecruiterMenuItem("Équipe", reverse("recruiters_admin:team"), name="equipe", icon_name="group",
                              order=10),
            RecruiterMenuItem("Offres augmentées", reverse("recruiters_admin:augmented_offers"),
                              name="offres-augmentees", icon_name="doc-full-inverse", order=20),
            RecruiterMenuItem("Visiotalent", reverse("recruiters_admin:visiotalent"), name="visiotalent",
                              icon_name="media", order=30),
        ]
    )
    return RecruiterSubmenuMenuItem("Paramètres", submenu, name="parametres-recruteur", icon_name="cogs", order=60)


class CatalogueStaffMenuItem(MenuItem):
    def is_shown(self, request):
        return active_company_for_request(request) is None and may_edit_catalogue(request.user)


@hooks.register("register_admin_menu_item")
def register_visiotalent_catalogue_menu_item():
    return CatalogueStaffMenuItem("Catalogue Visiotalent", reverse("recruiters_admin:visiotalent"),
                                  name="catalogue-visiotalent", icon_name="media", order=950)


@hooks.register("register_admin_menu_item")
def register_contact_menu_item():
    return RecruiterMenuItem("Contact", reverse("recruiters_admin:contact"), name="contact", icon_name="help",
                             order=70)


def _drop_superseded_placeholders(menu_items):
    real_names = {item.name for item in menu_items if not isinstance(item, ComingSoonMenuItem)}
    menu_items[:] = [
        item for item in menu_items if not (isinstance(item, ComingSoonMenuItem) and item.name in real_names)
    ]


@hooks.register("construct_main_menu")
def recruiter_main_menu(request, menu_items):
    _drop_superseded_placeholders(menu_items)
    user = request.user
    if user.is_staff or user.is_superuser or active_company_for_request(request) is None:
        return
    menu_items[:] = [item for item in menu_items if item.name in RECRUITER_MENU_NAMES]


@hooks.register("construct_homepage_panels")
def recruiter_dashboard(request, panels):
    recruiter_panels = recruiter_views.recruiter_dashboard_panels(request)
    if recruiter_panels is not None and not request.user.is_staff:
        panels[:] = recruiter_panels
    elif request.user.has_perm("recruiters.moderate_recruiter"):
        panels.insert(0, PendingAccountsPanel())


@hooks.register("insert_global_admin_css")
def recruiter_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("recruiters/admin.css"))
