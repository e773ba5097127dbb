"""Who opens what in the Wagtail admin.

Two locks, one per kind of user:

- Staff screens built with wagtail-modeladmin (moderation, the matching log) derive from
  ``StaffModelAdmin``: every one of their URLs, the project's own actions and modeladmin's history view
  included, first asks for a permission on the model, then the view asks for its own.
- Recruiters (and any other user who is neither staff nor superuser) reach the admin for their space
  only: ``RecruiterAdminAllowListMiddleware`` lets them open the URL names listed below and answers 403
  to every other admin URL. Wagtail's own screens check model permissions, not companies: its reports,
  APIs and page tools showed other companies' titles, files and names. A screen added later stays
  closed to recruiters until it is listed here.
"""

from __future__ import annotations

import logging
from functools import wraps

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import re_path, reverse
from wagtail import hooks
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.utils.urlpatterns import decorate_urlpatterns
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import HistoryView, IndexView

logger = logging.getLogger(__name__)


# --- Staff screens ---------------------------------------------------------------------------------------

class ReadOnlyPermissionHelper(PermissionHelper):
    """Staff read these objects and act through the decision views only: no raw create, edit or delete.
    Listing, inspecting and reading the history all need a permission on the model."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False

    def user_can_view_history(self, user, obj):
        return self.user_can_list(user)


class StaffHistoryView(HistoryView):
    # modeladmin's history view asks for nothing: its title names the object, its rows who did what.
    def check_action_permitted(self, user):
        return self.permission_helper.user_can_view_history(user, self.instance)


class StaffIndexView(IndexView):
    # A filter value the list cannot read (a date filter given "abc", an unknown lookup) reaches the
    # queryset as IncorrectLookupParameters. Django's admin answers it with the unfiltered list;
    # modeladmin lets it through as a 500.
    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            messages.error(request, "Ce filtre n’est pas valide : la liste est affichée sans filtre.")
            return redirect(self.index_url)


class StaffModelAdmin(ModelAdmin):
    """A wagtail-modeladmin screen for staff. Subclasses list their extra object actions in
    ``action_views`` ({"approve": ApproveView}); URL names follow modeladmin's (``..._modeladmin_approve``)."""

    permission_helper_class = ReadOnlyPermissionHelper
    history_view_class = StaffHistoryView
    index_view_class = StaffIndexView
    action_views: dict = {}

    def _action_urls(self) -> list:
        def make_view(view_class):
            def view(request, instance_pk):
                return view_class.as_view(model_admin=self, instance_pk=instance_pk)(request)

            return view

        return [
            re_path(
                self.url_helper.get_action_url_pattern(action),
                make_view(view_class),
                name=self.url_helper.get_action_url_name(action),
            )
            for action, view_class in self.action_views.items()
        ]

    def _require_model_permission(self, view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not self.permission_helper.user_can_list(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    def get_admin_urls_for_registration(self):
        # A gate in front of every view, so that a view that forgets its own check still refuses.
        urls = [*super().get_admin_urls_for_registration(), *self._action_urls()]
        return tuple(decorate_urlpatterns(urls, self._require_model_permission))


# --- Recruiters: the allow-list --------------------------------------------------------------------------

# Whole namespaces of the recruiter space: each view there passes the recruiter gate
# (``recruiters.views.access``) and reads through selectors scoped to the recruiter's company.
RECRUITER_ADMIN_NAMESPACES = frozenset({
    "recruiters_admin",  # offers, applications, team, contact, augmented offers, Visiotalent
    "search_admin",  # CVthèque
    "matching_admin",  # matching from an offer, a file or typed criteria
    "cms",  # "Ma page entreprise" and the published crop under the banner and logo choosers
})

# Single Wagtail URLs a recruiter needs; each says why. Wagtail checks its own permissions behind them.
RECRUITER_ADMIN_URL_NAMES = frozenset({
    # The dashboard (the recruiter home panels), and leaving.
    "wagtailadmin_home",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    # "Mon compte": name, password, notification preferences of the user's own account.
    "wagtailadmin_account",
    # Assets every admin page loads: translations and the icon sprite.
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    # Dismissing a tip or a panel: stored on the user's own profile.
    "wagtailadmin_dismissibles",
    # The page editor: "someone else is editing" pings (Wagtail checks the right to edit the object),
    # and block previews in the StreamField's block picker (block definitions, no stored data).
    "wagtailadmin_editing_sessions:ping",
    "wagtailadmin_editing_sessions:release",
    "wagtailadmin_block_preview",
    # Links in the page's rich text. The page chooser lists what the "construct_page_chooser_queryset"
    # hooks leave (no other company's page); browsing into a page is checked the same way below.
    "wagtailadmin_choose_page",
    "wagtailadmin_choose_page_child",
    "wagtailadmin_choose_page_search",
    "wagtailadmin_choose_page_external_link",
    "wagtailadmin_choose_page_email_link",
    "wagtailadmin_choose_page_phone_link",
    "wagtailadmin_choose_page_anchor_link",
    # Images of the company page: Wagtail's image chooser (StreamField blocks) and the banner and logo
    # choosers built on it list, return and accept images of the collections the user may choose from,
    # the company's own collection for a recruiter.
    "wagtailimages_chooser:choose",
    "wagtailimages_chooser:choose_results",
    "wagtailimages_chooser:chosen",
    "wagtailimages_chooser:chosen_multiple",
    "wagtailimages_chooser:create",
    "wagtailimages_chooser:select_format",
    "cms_banniere_chooser:choose",
    "cms_banniere_chooser:choose_results",
    "cms_banniere_chooser:chosen",
    "cms_banniere_chooser:create",
    "cms_logo_chooser:choose",
    "cms_logo_chooser:choose_results",
    "cms_logo_chooser:chosen",
    "cms_logo_chooser:create",
})

# Page screens of the company page editor, by the URL argument that holds the page: open only on a
# page the user may edit (a recruiter's own company page). Wagtail's page permissions let a reader
# of some screens (history, revisions, drafts) see pages they may not edit.
RECRUITER_ADMIN_PAGE_URLS = {
    "wagtailadmin_pages:edit": "page_id",
    "wagtailadmin_pages:preview_on_edit": "page_id",
    "wagtailadmin_pages:view_draft": "page_id",
    "wagtailadmin_pages:revisions_index": "page_id",
    "wagtailadmin_pages:revisions_view": "page_id",
    "wagtailadmin_pages:revisions_revert": "page_id",
    "wagtailadmin_pages:revisions_compare": "pk",
    "wagtailadmin_pages:history": "page_id",
    "wagtailadmin_pages:history_results": "page_id",
    # Links of the editor's header and status panel: the page in the explorer (the breadcrumb), where
    # it is used, its privacy (Wagtail lets only publishers change it).
    "wagtailadmin_explore": "parent_page_id",
    "wagtailadmin_explore_results": "parent_page_id",
    "wagtailadmin_pages:usage": "page_id",
    "wagtailadmin_pages:set_privacy": "page_id",
    # Sending the page to moderation, cancelling it, and reading where it stands.
    "wagtailadmin_pages:workflow_history": "page_id",
    "wagtailadmin_pages:workflow_history_detail": "page_id",
    "wagtailadmin_pages:workflow_action": "page_id",
    "wagtailadmin_pages:collect_workflow_action_data": "page_id",
    "wagtailadmin_pages:confirm_workflow_cancellation": "page_id",
    "wagtailadmin_pages:workflow_preview": "page_id",
}

PAGE_CHOOSER_BROWSE = "wagtailadmin_choose_page_child"


def admin_is_restricted(user) -> bool:
    """Everyone but staff and superusers opens only the allow-list (anonymous users go to Wagtail's login)."""
    return bool(getattr(user, "is_authenticated", False)) and not (user.is_staff or user.is_superuser)


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _editable_page(user, page_id) -> bool:
    page_id = _as_int(page_id)
    if page_id is None:
        return False
    return PagePermissionPolicy().instances_user_has_permission_for(user, "change").filter(pk=page_id).exists()


def _choosable_parent(request, page_id) -> bool:
    page_id = _as_int(page_id)
    if page_id is None:
        return False
    pages = Page.objects.all()
    for hook in hooks.get_hooks("construct_page_chooser_queryset"):
        pages = hook(pages, request)
    return pages.filter(pk=page_id).exists()


def recruiter_may_open(request, view_name: str | None, kwargs: dict) -> bool:
    """Whether a restricted user may open the admin URL named ``view_name`` with these arguments."""
    if not view_name:
        return False
    if view_name in RECRUITER_ADMIN_PAGE_URLS:
        return _editable_page(request.user, kwargs.get(RECRUITER_ADMIN_PAGE_URLS[view_name]))
    if view_name == PAGE_CHOOSER_BROWSE:
        return _choosable_parent(request, kwargs.get("parent_page_id"))
    if view_name in RECRUITER_ADMIN_URL_NAMES:
        return True
    namespace, _, _ = view_name.rpartition(":")
    return namespace in RECRUITER_ADMIN_NAMESPACES


class RecruiterAdminAllowListMiddleware:
    """Answers 403 to a restricted user (see ``admin_is_restricted``) on any admin URL outside the list."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            return None
        if not admin_is_restricted(request.user):
            return None
        match = request.resolver_match
        view_name = match.view_name if match and match.url_name else None
        if recruiter_may_open(request, view_name, view_kwargs):
            return None
        logger.info("Admin URL refused to a non-staff user: %s (%s)", view_name or "unnamed", request.path_info)
        raise PermissionDenied
