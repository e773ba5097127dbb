"""Registration only: matching URLs in the recruiter space, the three entries of the CVthèque menu,
and the staff audit log of match runs."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail_modeladmin.options import modeladmin_register

from recruiters.selectors import active_company_for_request

from .views import admin as views
from .views.audit import MatchRunAdmin

modeladmin_register(MatchRunAdmin)

CVTHEQUE_MENU_NAME = "cvtheque"


@hooks.register("register_admin_urls")
def register_matching_urls():
    urls = [
        path("", views.OfferListView.as_view(), name="offers"),
        path("offre/<int:pk>/", views.OfferMatchView.as_view(), name="offer_match"),
        path("charger/", views.OfferUploadView.as_view(), name="upload"),
        path("recherche/", views.MatchSearchView.as_view(), name="search"),
        path("recherche/resultats.json", views.MatchResultsJsonView.as_view(), name="results_json"),
        path("profil/<int:pk>/", views.CandidateView.as_view(), name="profile"),
        path("profil/<int:pk>/cv/", views.CandidateCvView.as_view(), name="cv"),
    ]
    return [path("matching/", include((urls, "matching_admin"), namespace="matching_admin"))]


def matching_menu_items():
    return [
        MenuItem("Recherche à partir d'une offre", reverse("matching_admin:offers"), name="matching-offres",
                 icon_name="doc-full", order=110),
        MenuItem("Charger une offre", reverse("matching_admin:upload"), name="matching-charger", icon_name="upload",
                 order=120),
        MenuItem("Recherche matching", reverse("matching_admin:search"), name="matching-recherche",
                 icon_name="search", order=130),
    ]


class _RecruiterSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return active_company_for_request(request) is not None


@hooks.register("construct_main_menu")
def add_matching_to_cvtheque_menu(request, menu_items):
    """Put the matching entries in the CVthèque menu, whatever form the CVthèque item takes (a single
    link becomes a submenu whose first entry is that link). A new item each time: registered ones are
    shared between requests."""
    if active_company_for_request(request) is None:
        return
    candidates = [i for i, item in enumerate(menu_items) if item.name == CVTHEQUE_MENU_NAME]
    # By class name: importing recruiters.wagtail_hooks from another hooks module is circular.
    real = [i for i in candidates if type(menu_items[i]).__name__ != "ComingSoonMenuItem"]
    if not candidates:
        return
    index = (real or candidates)[-1]
    item = menu_items[index]
    if isinstance(item, SubmenuMenuItem):
        existing = [entry for entry in item.menu.registered_menu_items if not entry.name.startswith("matching-")]
    else:
        existing = [MenuItem("Recherche CVthèque", item.url, name="cvtheque-recherche", icon_name="search", order=100)]
    menu_items[index] = _RecruiterSubmenu(
        item.label, Menu(items=[*existing, *matching_menu_items()]), name=CVTHEQUE_MENU_NAME,
        icon_name=item.icon_name, order=item.order,
    )
