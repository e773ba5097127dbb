"""Registration only: the CVthèque URLs, menu and dashboard panel in the recruiter space."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from recruiters.selectors import active_company_for_request

from .views import admin as views
from .views.panels import CvthequePanel

# The recruiter space's menu keeps the items with these names; ours replaces the "coming soon" one.
MENU_NAME = "cvtheque"


class CvthequeMenuItem(MenuItem):
    def is_shown(self, request):
        return active_company_for_request(request) is not None


class CvthequeSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return active_company_for_request(request) is not None and super().is_shown(request)


@hooks.register("register_admin_urls")
def register_cvtheque_urls():
    urls = [
        path("", views.SearchView.as_view(), name="search"),
        path("enregistrer/", views.SaveSearchView.as_view(), name="save_search"),
        path("profils/<int:pk>/", views.ProfileView.as_view(), name="profile"),
        path("profils/<int:pk>/cv/", views.CvFileView.as_view(), name="cv"),
        path("profils/<int:pk>/cv/telecharger/", views.CvFileView.as_view(download=True), name="cv_download"),
        path("dossiers/", views.FolderListView.as_view(), name="folders"),
        path("dossiers/<int:pk>/", views.FolderView.as_view(), name="folder"),
    ]
    return [path("cvtheque/", include((urls, "search_admin"), namespace="search_admin"))]


@hooks.register("register_admin_menu_item")
def register_cvtheque_menu():
    submenu = Menu(
        items=[
            CvthequeMenuItem("Recherche mots-clés", reverse("search_admin:search"), name="cvtheque-recherche",
                             icon_name="search", order=10),
            CvthequeMenuItem("Recherches enregistrées", reverse("search_admin:folders"), name="cvtheque-dossiers",
                             icon_name="folder-open-inverse", order=20),
        ]
    )
    return CvthequeSubmenu("CVthèque", submenu, name=MENU_NAME, icon_name="search", order=40)


@hooks.register("construct_homepage_panels", order=10)
def cvtheque_dashboard_panel(request, panels):
    # The recruiter space puts a placeholder on the right of the dashboard; ours takes its place.
    company = active_company_for_request(request)
    if company is None:
        return
    for position, panel in enumerate(panels):
        if getattr(panel, "name", "") == "recruiter_cvtheque":
            panels[position] = CvthequePanel(request, company)


@hooks.register("insert_global_admin_css")
def cvtheque_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("search/cvtheque.css"))
