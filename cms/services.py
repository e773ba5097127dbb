"""Write workflows of the public pages: the page tree and its moderation workflow, company pages and
who may edit them."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail.coreutils import find_available_slug
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from portal.accounts.emails import absolute_url, send_templated_email
from recruiters.models import Company
from recruiters.selectors import active_company_for
from recruiters.services import moderators_group

from .choices import COMPANY_INDEX_SLUG, COMPANY_INDEX_TITLE, MODERATION_TASK_NAME, MODERATION_WORKFLOW_NAME
from .models import CompanyEditorAccess, CompanyIndexPage, CompanyPage, HomePage
from .selectors import company_page_recipients, moderation_reviewers

logger = logging.getLogger(__name__)

HOME_TITLE = "Trouvez votre prochain emploi en région"
HOME_INTRO = "<p>Offres d'emploi, entreprises qui recrutent près de chez vous et un profil pour être trouvé.</p>"
COMPANY_INDEX_INTRO = (
    "<p>Découvrez les entreprises qui recrutent dans la région : leur activité, leurs équipes, "
    "leurs avantages et leurs offres.</p>"
)
COMPANY_GROUP_NAME = "Page entreprise n°{pk}"
# Editorial staff edit and publish every company page; recruiters only change their own.
MODERATOR_PAGE_PERMISSIONS = ("change_page", "publish_page", "lock_page", "unlock_page")
RECRUITER_PAGE_PERMISSIONS = ("change_page",)
IMAGE_PERMISSIONS = ("add_image", "change_image", "choose_image")


def _permissions(model, codenames) -> list[Permission]:
    """The permissions, created if needed: post_migrate may reach this app before wagtail's."""
    content_type = ContentType.objects.get_for_model(model)
    declared = dict(model._meta.permissions)
    found = []
    for codename in codenames:
        action = codename.rsplit("_", 1)[0]
        name = declared.get(codename) or f"Can {action} {model._meta.verbose_name_raw}"
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        found.append(permission)
    return found


def _root_collection() -> Collection:
    # A flushed test database has lost the root collection that wagtail's migration created.
    return Collection.get_first_root_node() or Collection.add_root(name="Racine")


def _grant_page(group: Group, page: Page, codenames) -> None:
    for permission in _permissions(Page, codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _grant_collection(group: Group, collection: Collection, codenames) -> None:
    for permission in _permissions(get_image_model(), codenames):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)


# --- Page tree ------------------------------------------------------------------------------------------

LEGACY_SITE_ADDRESS = ("localhost", 80)


def site_address() -> tuple[str, int]:
    """Host and port of the Wagtail site, from SITE_URL: the links Wagtail builds then match ours."""
    parts = urlsplit(settings.SITE_URL)
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


@transaction.atomic
def site_ensure() -> HomePage:
    """Make sure the page tree has its root, the home page, a default site, the "Entreprises" index and
    its moderation workflow (idempotent).

    The cms data migration and a post_migrate receiver do this on a fresh database; tests that flush
    the database and `seed_demo` call it again.
    """
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        if root is None:
            locale, _ = Locale.objects.get_or_create(language_code="fr")
            root = Page.add_root(instance=Page(title="Racine", slug="root", locale=locale))
        home = root.add_child(instance=HomePage(title=HOME_TITLE, slug="accueil", intro=HOME_INTRO))
    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = site_address()
    if site is None:
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="Vivier")
    else:
        changed = []
        if site.root_page_id != home.id:
            site.root_page = home
            changed.append("root_page")
        # The address the first versions wrote, whatever SITE_URL said; one set by staff is kept.
        if (site.hostname, site.port) == LEGACY_SITE_ADDRESS and (hostname, port) != LEGACY_SITE_ADDRESS:
            site.hostname, site.port = hostname, port
            changed += ["hostname", "port"]
        if changed:
            site.save(update_fields=changed)
    index = company_index_ensure(home=home)
    moderation_workflow_ensure(index=index)
    # Wagtail's migrations name both tree roots "Root", which the admin shows (parent page, collection picker).
    Page.objects.filter(depth=1, title="Root").update(title="Racine", draft_title="Racine")
    Collection.objects.filter(depth=1, name="Root").update(name="Racine")
    return home


def company_index_ensure(*, home: HomePage) -> CompanyIndexPage:
    index = CompanyIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=CompanyIndexPage(
                title=COMPANY_INDEX_TITLE,
                slug=find_available_slug(home, COMPANY_INDEX_SLUG),
                intro=COMPANY_INDEX_INTRO,
                show_in_menus=True,
            )
        )
    return index


def moderation_workflow_ensure(*, index: CompanyIndexPage) -> Workflow:
    """The "Modération des pages entreprise" workflow: one approval task for the "Modérateurs" group,
    on the whole "Entreprises" subtree; moderators may also edit and publish pages there."""
    workflow, _ = Workflow.objects.get_or_create(name=MODERATION_WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=MODERATION_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=MODERATION_TASK_NAME)
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
    moderators = moderators_group()
    task.groups.add(moderators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    _grant_page(moderators, index, MODERATOR_PAGE_PERMISSIONS)
    _grant_collection(moderators, _root_collection(), IMAGE_PERMISSIONS)
    return workflow


# --- Company pages --------------------------------------------------------------------------------------

def _access_for(company: Company) -> CompanyEditorAccess:
    access = CompanyEditorAccess.objects.select_related("group", "collection").filter(company=company).first()
    if access is not None:
        return access
    group, _ = Group.objects.get_or_create(name=COMPANY_GROUP_NAME.format(pk=company.pk))
    collection = _root_collection().add_child(name=f"Entreprise n°{company.pk} : {company.name}"[:255])
    return CompanyEditorAccess.objects.create(company=company, group=group, collection=collection)


def company_page_access_setup(*, page: CompanyPage) -> CompanyEditorAccess:
    """Let the company's recruiters change this page (never publish it) and use their image collection."""
    access = _access_for(page.company)
    _grant_page(access.group, page, RECRUITER_PAGE_PERMISSIONS)
    _grant_collection(access.group, access.collection, IMAGE_PERMISSIONS)
    for recruiter in page.company.recruiters.select_related("user"):
        company_page_access_sync(user=recruiter.user)
    return access


def company_page_access_sync(*, user) -> None:
    """Put the user in the editor group of their company's page, and in no other company's group.

    Runs whenever a membership, a recruiter's status or a company's status changes: only a validated
    recruiter of an active company (``active_company_for``) edits its page.
    """
    if user is None or user.pk is None or not CompanyEditorAccess.objects.exists():
        return
    company = active_company_for(user)
    expected = None
    if company is not None:
        expected = CompanyEditorAccess.objects.filter(company=company).values_list("group_id", flat=True).first()
    current = set(user.groups.filter(company_page_access__isnull=False).values_list("pk", flat=True))
    stale = current - {expected}
    if stale:
        user.groups.remove(*stale)
    if expected is not None and expected not in current:
        user.groups.add(expected)


def company_page_get_or_create(*, company: Company, user=None) -> CompanyPage:
    """The company's page, created as a draft under "Entreprises" the first time ("Ma page entreprise")."""
    page = CompanyPage.objects.filter(company=company).first()
    if page is not None:
        company_page_access_setup(page=page)
        return page
    try:
        with transaction.atomic():
            Company.objects.select_for_update().filter(pk=company.pk).first()
            home = site_ensure()
            index = CompanyIndexPage.objects.first() or company_index_ensure(home=home)
            page = index.add_child(
                instance=CompanyPage(
                    title=company.name,
                    slug=find_available_slug(index, slugify(company.name)[:60] or "entreprise"),
                    company=company,
                    live=False,
                    owner=user,
                )
            )
            page.save_revision(user=user, log_action=True, clean=False)
            company_page_access_setup(page=page)
    except IntegrityError:
        # Two first visits at the same moment: the one-to-one constraint let one page through.
        page = CompanyPage.objects.get(company=company)
    logger.info("Company page %s created for company %s", page.pk, company.pk)
    return page


def company_page_access_sync_company(*, company: Company) -> None:
    for recruiter in company.recruiters.select_related("user"):
        company_page_access_sync(user=recruiter.user)


# --- Moderation mails -----------------------------------------------------------------------------------
# The French mails of the moderation workflow, sent instead of Wagtail's own (see cms.receivers): one
# to the editorial team when a page is submitted, one to the company's recruiters when it is
# approved or sent back with the moderator's comment. Links are built from SITE_URL.

def _admin_link(name: str, *args) -> str:
    return absolute_url(reverse(name, args=args))


def company_page_public_url(page: CompanyPage) -> str:
    """The address of the page on the public site (SITE_URL and the page's path)."""
    _site_id, _root_url, path = page.get_url_parts() or (None, None, None)
    return absolute_url(path) if path else ""


def _wagtail_labels(task) -> dict:
    """The names of the editor's moderation actions, as Wagtail shows them (its own translations)."""
    labels = {
        "approve_label": gettext("%(label)s and Publish") % {"label": gettext("Approve")},
        "resubmit_label": gettext("Resubmit to %(task_name)s") % {"task_name": task.name},
    }
    return {key: " ".join(label.split()) for key, label in labels.items()}


def _moderation_context(page: CompanyPage, **extra) -> dict:
    page = page.specific
    return {
        "page": page,
        "company_name": page.company.name if page.company_id else page.title,
        "edit_url": _admin_link("wagtailadmin_pages:edit", page.pk),
        "public_url": company_page_public_url(page) if page.live else "",
        **extra,
    }


def company_page_submission_notify(*, task_state, submitted_by=None) -> int:
    """Tell the editorial team, once, that a company page awaits their review; returns the mails sent."""
    page = task_state.workflow_state.content_object.specific
    task = task_state.task.specific
    reviewers = list(moderation_reviewers(task=task, exclude=submitted_by).values_list("email", flat=True))
    recipients = reviewers or [settings.PLATFORM_TEAM_EMAIL]
    context = _moderation_context(
        page,
        **_wagtail_labels(task),
        submitted_by=submitted_by,
        resubmission=task_state.workflow_state.task_states.filter(status=TaskState.STATUS_REJECTED).exists(),
        preview_url=_admin_link("wagtailadmin_pages:workflow_preview", page.pk, task.pk),
        queue_url=absolute_url(reverse("wagtailadmin_reports:workflow_tasks") + "?reviewable=true&status=in_progress"),
    )
    for email in recipients:
        send_templated_email(to=email, template="cms/emails/moderation_submitted", context=context)
    logger.info("Company page %s submitted for moderation: %s reviewer(s) told", page.pk, len(recipients))
    return len(recipients)


def company_page_approval_notify(*, workflow_state, approved_by=None) -> int:
    """Tell the company's recruiters that their page is online, with its public address."""
    page = workflow_state.content_object.specific
    recipients = company_page_recipients(page=page, fallback=workflow_state.requested_by)
    if recipients:
        send_templated_email(
            to=recipients, template="cms/emails/moderation_approved", context=_moderation_context(page)
        )
    logger.info("Company page %s approved: %s recruiter(s) told", page.pk, len(recipients))
    return 1 if recipients else 0


def company_page_rejection_notify(*, workflow_state, rejected_by=None) -> int:
    """Tell the company's recruiters what the moderator asks to change before publishing."""
    page = workflow_state.content_object.specific
    task_state = workflow_state.current_task_state.specific
    recipients = company_page_recipients(page=page, fallback=workflow_state.requested_by)
    if recipients:
        context = _moderation_context(
            page, **_wagtail_labels(task_state.task.specific), comment=(task_state.get_comment() or "").strip()
        )
        send_templated_email(to=recipients, template="cms/emails/moderation_rejected", context=context)
    logger.info("Company page %s sent back for changes: %s recruiter(s) told", page.pk, len(recipients))
    return 1 if recipients else 0
