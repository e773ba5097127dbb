"""Registration only: "Ma page entreprise" for recruiters, the moderation entry for editorial staff, the
company page editor (live word count, banner and logo choosers, landing after submission), the image
operation of published banners and logos, and the scoping of page choosers."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from recruiters.selectors import active_company_for, is_active_recruiter
from recruiters.services import MODERATORS_GROUP

from .images import ExactFillOperation, MaxWeightOperation
from .models import CompanyPage
from .views import admin as cms_admin_views
from .views import images as cms_image_views


class MyCompanyPageMenuItem(MenuItem):
    def is_shown(self, request):
        return is_active_recruiter(request.user)


class CompanyPagesModerationMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.is_superuser or user.groups.filter(name=MODERATORS_GROUP).exists()


@hooks.register("register_admin_urls")
def register_cms_admin_urls():
    urls = [
        path("ma-page-entreprise/", cms_admin_views.my_company_page, name="my_company_page"),
        path("image-publiee/<str:rule_key>/", cms_image_views.published_image_preview, name="published_image"),
    ]
    return [path("pages-entreprise/", include((urls, "cms"), namespace="cms"))]


@hooks.register("register_admin_viewset")
def register_company_image_choosers():
    return cms_image_views.company_image_chooser_viewsets()


@hooks.register("register_admin_menu_item")
def register_my_company_page_menu_item():
    # Same name as the recruiters app's placeholder, which then steps aside.
    return MyCompanyPageMenuItem(
        "Ma page entreprise", reverse("cms:my_company_page"), name="ma-page-entreprise", icon_name="site", order=50
    )


@hooks.register("register_admin_menu_item")
def register_company_pages_moderation_menu_item():
    url = reverse("wagtailadmin_reports:workflow_tasks") + "?reviewable=true&status=in_progress"
    return CompanyPagesModerationMenuItem(
        "Pages entreprise à valider", url, name="pages-entreprise-a-valider", icon_name="tasks", order=250
    )


@hooks.register("after_edit_page")
def land_on_the_editor_after_submitting_a_company_page(request, page):
    return cms_admin_views.after_company_page_submitted(request, page)


@hooks.register("construct_page_action_menu")
def publish_company_pages_in_moderation_by_approving_them(menu_items, request, context):
    cms_admin_views.company_page_action_menu(menu_items, request, context)


@hooks.register("insert_editor_js")
def company_page_editor_js():
    return format_html('<script src="{}" defer></script>', static("cms/company-page-editor.js"))


@hooks.register("insert_editor_css")
def company_page_editor_css():
    return format_html('<link rel="stylesheet" href="{}">', static("cms/admin.css"))


@hooks.register("construct_page_chooser_queryset")
def hide_other_company_pages_from_recruiters(pages, request):
    user = request.user
    if user.is_superuser or user.is_staff:
        return pages
    company = active_company_for(user)
    others = CompanyPage.objects.exclude(company=company) if company else CompanyPage.objects.all()
    return pages.exclude(pk__in=others.values("pk"))


@hooks.register("register_image_operations")
def register_published_image_operations():
    return [("exactfill", ExactFillOperation), ("maxweight", MaxWeightOperation)]
