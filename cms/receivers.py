"""Reactions to events of lower layers and of Django itself; each one hands over to a service."""

from .services import company_page_access_sync, company_page_access_sync_company, site_ensure


def setup_site(sender, apps=None, **kwargs):
    # Only once the cms schema is complete (not after a migration back to an older state).
    if apps is not None:
        try:
            apps.get_model("cms", "CompanyEditorAccess")
        except LookupError:
            return
    site_ensure()


def on_recruiter_saved(sender, instance, **kwargs):
    company_page_access_sync(user=instance.user)


def on_recruiter_deleted(sender, instance, **kwargs):
    company_page_access_sync(user=instance.user)


def on_company_saved(sender, instance, created, **kwargs):
    if not created:
        company_page_access_sync_company(company=instance)
