"""Reads of the cms: who is told about a company page's moderation."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from recruiters.selectors import active_recruiter_emails


def moderation_reviewers(*, task, exclude=None) -> QuerySet:
    """Active users with an address in the groups that review this approval task (the editorial team)."""
    users = get_user_model().objects.filter(groups__in=task.groups.all(), is_active=True).exclude(email="")
    if exclude is not None and exclude.pk is not None:
        users = users.exclude(pk=exclude.pk)
    return users.distinct().order_by("email")


def company_page_recipients(*, page, fallback=None) -> list[str]:
    """The addresses that hear about a company page: its company's active recruiters; else ``fallback``
    (who asked for the moderation), so that a decision never goes unheard."""
    emails = active_recruiter_emails(page.company) if page.company_id else []
    if not emails and fallback is not None and fallback.email and fallback.is_active:
        emails = [fallback.email]
    return sorted(set(emails))
