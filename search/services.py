"""What recruiters do with CVthèque profiles: access log, comments, statuses, folders, saved searches,
contact messages and alerts. Keyword-only arguments, French validation errors, one transaction each.

Callers pass objects they got from `search.selectors` (already scoped to the recruiter's company);
these services check ownership again where a colleague's object could be reached (folders).
Candidates are never told that a recruiter looked at their profile.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from portal.accounts.emails import absolute_url, send_templated_email
from portal.candidates.models import CandidateProfile
from recruiters.models import Company
from recruiters.selectors import active_company_for

from .alerts import runner_for
from .choices import (
    ALERT_MAX_PROFILES,
    MAX_COMMENT_LENGTH,
    MAX_CONTACT_LENGTH,
    MAX_FOLDER_NAME,
    AccessKind,
    AlertFrequency,
    ProfileStatusValue,
    SavedSearchKind,
    Sort,
)
from .criteria import SearchCriteria, criteria_from_json
from .models import Comment, ContactMessage, Folder, FolderProfile, ProfileAccess, ProfileStatus, SavedSearch
from .selectors import cvtheque_search

logger = logging.getLogger(__name__)

# Index updates lag a few seconds behind the database: alerts look back this far, and the list of
# profiles already announced keeps them from being announced twice.
ALERT_LOOKBACK = timedelta(minutes=30)
ALERT_PERIODS = {AlertFrequency.DAILY: timedelta(days=1), AlertFrequency.WEEKLY: timedelta(days=7)}
# A run may start a little early (cron jitter) and still count.
ALERT_SLACK = timedelta(hours=2)
ALERTED_IDS_KEPT = 5000


def _company(user) -> Company:
    company = active_company_for(user)
    if company is None:
        raise PermissionDenied("Cet espace est réservé aux recruteurs dont le compte et l'entreprise sont validés.")
    return company


def _text(value: str | None, *, label: str, max_length: int) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"{label} est vide.", code="blank")
    if len(text) > max_length:
        raise ValidationError(
            f"{label} est trop long : {max_length} caractères au plus ({len(text)} saisis).", code="too_long"
        )
    return text


# --- Access log and statuses -----------------------------------------------------------------------------------


@transaction.atomic
def profile_access_record(*, user, profile: CandidateProfile, kind: str = AccessKind.PROFILE) -> ProfileAccess:
    """Log who opened what (GDPR) and mark the profile seen for the company. The candidate is not told."""
    company = _company(user)
    access = ProfileAccess.objects.create(
        company=company, user=user, user_email=user.email, profile=profile, kind=AccessKind(kind)
    )
    if not ProfileStatus.objects.filter(company=company, profile=profile).exists():
        try:
            with transaction.atomic():
                ProfileStatus.objects.create(
                    company=company, profile=profile, status=ProfileStatusValue.SEEN, updated_by=user
                )
        except IntegrityError:
            pass  # a colleague opened it at the same moment
    return access


@transaction.atomic
def profile_status_set(*, user, profile: CandidateProfile, status: str) -> ProfileStatus:
    company = _company(user)
    if status not in ProfileStatusValue.values:
        raise ValidationError("Statut inconnu : choisissez vu, retenu, écarté ou contacté.", code="invalid_status")
    current, _created = ProfileStatus.objects.select_for_update().get_or_create(
        company=company, profile=profile, defaults={"status": status, "updated_by": user}
    )
    current.status = status
    current.updated_by = user
    current.updated_at = timezone.now()
    current.full_clean()
    current.save()
    return current


# --- Comments --------------------------------------------------------------------------------------------------


@transaction.atomic
def comment_add(*, user, profile: CandidateProfile, text: str) -> Comment:
    company = _company(user)
    comment = Comment(
        company=company, author=user, profile=profile,
        text=_text(text, label="Le commentaire", max_length=MAX_COMMENT_LENGTH),
    )
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def comment_delete(*, user, comment: Comment) -> None:
    if comment.company_id != _company(user).pk or comment.author_id != user.pk:
        raise PermissionDenied("Seul l'auteur d'un commentaire peut le supprimer.")
    comment.delete()


# --- Folders ---------------------------------------------------------------------------------------------------


def _check_owner(user, folder: Folder) -> None:
    if folder.company_id != _company(user).pk or folder.owner_id != user.pk:
        raise PermissionDenied("Seul le recruteur qui a créé ce dossier peut le modifier.")


def _folder_name(name: str) -> str:
    return " ".join(_text(name, label="Le nom du dossier", max_length=MAX_FOLDER_NAME).split())


@transaction.atomic
def folder_create(*, user, name: str, shared: bool = False) -> Folder:
    folder = Folder(company=_company(user), owner=user, name=_folder_name(name), shared=bool(shared))
    folder.full_clean()
    folder.save()
    return folder


@transaction.atomic
def folder_update(*, user, folder: Folder, name: str, shared: bool) -> Folder:
    _check_owner(user, folder)
    folder.name = _folder_name(name)
    folder.shared = bool(shared)
    folder.full_clean()
    folder.save(update_fields=["name", "shared"])
    return folder


@transaction.atomic
def folder_delete(*, user, folder: Folder) -> None:
    _check_owner(user, folder)
    folder.delete()


@transaction.atomic
def folder_add_profile(*, user, folder: Folder, profile: CandidateProfile) -> FolderProfile:
    """Retain a profile in a folder (owner's or shared); the profile's status becomes "retenu"."""
    company = _company(user)
    if folder.company_id != company.pk or not (folder.shared or folder.owner_id == user.pk):
        raise PermissionDenied("Ce dossier n'est pas accessible.")
    entry, _created = FolderProfile.objects.get_or_create(folder=folder, profile=profile, defaults={"added_by": user})
    status = ProfileStatus.objects.filter(company=company, profile=profile).first()
    if status is None or status.status == ProfileStatusValue.SEEN:
        profile_status_set(user=user, profile=profile, status=ProfileStatusValue.RETAINED)
    return entry


@transaction.atomic
def folder_remove_profile(*, user, folder: Folder, profile: CandidateProfile) -> None:
    company = _company(user)
    if folder.company_id != company.pk or not (folder.shared or folder.owner_id == user.pk):
        raise PermissionDenied("Ce dossier n'est pas accessible.")
    FolderProfile.objects.filter(folder=folder, profile=profile).delete()


# --- Saved searches --------------------------------------------------------------------------------------------


def _frequency(value: str) -> AlertFrequency:
    try:
        return AlertFrequency(value or AlertFrequency.NONE)
    except ValueError as exc:
        raise ValidationError("Fréquence d'alerte inconnue : aucune, chaque jour ou chaque semaine.", code="frequency") from exc


@transaction.atomic
def saved_search_create(*, user, folder: Folder, name: str, criteria: SearchCriteria | dict,
                        alert_frequency: str = AlertFrequency.NONE,
                        kind: str = SavedSearchKind.CVTHEQUE) -> SavedSearch:
    """Save a search into a folder. The CVthèque's criteria come as SearchCriteria; another kind's as
    the JSON mapping its registered runner reads, validated by the app that registered it."""
    company = _company(user)
    if folder.company_id != company.pk or not (folder.shared or folder.owner_id == user.pk):
        raise PermissionDenied("Ce dossier n'est pas accessible.")
    if kind == SavedSearchKind.CVTHEQUE:
        if criteria.errors:
            raise ValidationError(criteria.errors, code="criteria")
        criteria_json = criteria.to_json()
    elif kind in SavedSearchKind.values and isinstance(criteria, dict):
        criteria_json = criteria
    else:
        raise ValidationError("Type de recherche inconnu.", code="kind")
    now = timezone.now()
    search = SavedSearch(
        folder=folder,
        name=" ".join(_text(name, label="Le nom de la recherche", max_length=MAX_FOLDER_NAME).split()),
        kind=kind,
        criteria=criteria_json,
        alert_frequency=_frequency(alert_frequency),
        created_by=user,
        last_alert_at=now,
    )
    search.alerted_profile_ids = _recently_listed(user=user, saved_search=search, now=now)
    search.full_clean()
    search.save()
    return search


def _recently_listed(*, user, saved_search: SavedSearch, now: datetime) -> list[int]:
    """Matching profiles listed within the alert look-back: the recruiter has them already, so the
    first alert must not announce them as new."""
    if saved_search.kind != SavedSearchKind.CVTHEQUE:
        return runner_for(saved_search.kind).matches_since(saved_search, now - ALERT_LOOKBACK)[:ALERTED_IDS_KEPT]
    criteria = criteria_from_json(saved_search.criteria)
    page = cvtheque_search(user=user, criteria=criteria, now=now, with_cards=False, with_facets=False,
                           listed_after=now - ALERT_LOOKBACK, limit=ALERTED_IDS_KEPT)
    return [hit.pk for hit in page.result.hits] if page.result else []


def _check_search_editable(user, search: SavedSearch) -> None:
    folder = search.folder
    if folder.company_id != _company(user).pk:
        raise PermissionDenied("Cette recherche n'est pas accessible.")
    if folder.owner_id != user.pk and search.created_by_id != user.pk:
        raise PermissionDenied("Seul le recruteur qui a enregistré cette recherche, ou le propriétaire du dossier, peut la modifier.")


@transaction.atomic
def saved_search_update(*, user, saved_search: SavedSearch, name: str, alert_frequency: str,
                        criteria: SearchCriteria | None = None) -> SavedSearch:
    _check_search_editable(user, saved_search)
    saved_search.name = " ".join(_text(name, label="Le nom de la recherche", max_length=MAX_FOLDER_NAME).split())
    frequency = _frequency(alert_frequency)
    if frequency != saved_search.alert_frequency and saved_search.alert_frequency == AlertFrequency.NONE:
        # An alert switched on announces what is new from now on, not the whole back catalogue.
        saved_search.last_alert_at = timezone.now()
        saved_search.alerted_profile_ids = _recently_listed(
            user=user, saved_search=saved_search, now=saved_search.last_alert_at
        )
    saved_search.alert_frequency = frequency
    if criteria is not None:
        if criteria.errors:
            raise ValidationError(criteria.errors, code="criteria")
        # CVthèque criteria put in place of another kind's make it a CVthèque search.
        saved_search.kind = SavedSearchKind.CVTHEQUE
        saved_search.criteria = criteria.to_json()
    saved_search.full_clean()
    saved_search.save()
    return saved_search


@transaction.atomic
def saved_search_delete(*, user, saved_search: SavedSearch) -> None:
    _check_search_editable(user, saved_search)
    saved_search.delete()


# --- Contact ---------------------------------------------------------------------------------------------------


@transaction.atomic
def contact_send(*, user, profile: CandidateProfile, subject: str, body: str) -> ContactMessage:
    """E-mail the candidate through the platform (replies go to the recruiter) and log it."""
    company = _company(user)
    message = ContactMessage(
        company=company,
        sender=user,
        profile=profile,
        subject=" ".join(_text(subject, label="L'objet", max_length=200).split()),
        body=_text(body, label="Le message", max_length=MAX_CONTACT_LENGTH),
    )
    message.full_clean()
    message.save()
    profile_status_set(user=user, profile=profile, status=ProfileStatusValue.CONTACTED)
    recipient = profile.user.email
    context = {"message": message, "company": company, "sender": user}
    transaction.on_commit(
        lambda: send_templated_email(
            to=recipient, template="search/emails/contact", context=context, reply_to=[user.email]
        )
    )
    return message


# --- Alerts ----------------------------------------------------------------------------------------------------


@dataclass
class AlertReport:
    searches: int = 0
    emails: int = 0
    profiles: int = 0


def saved_searches_due(*, frequency: str, now: datetime) -> list[SavedSearch]:
    period = ALERT_PERIODS[AlertFrequency(frequency)]
    return list(
        SavedSearch.objects.filter(alert_frequency=frequency, last_alert_at__lte=now - period + ALERT_SLACK)
        .select_related("folder", "folder__company", "created_by")
        .order_by("pk")
    )


def saved_search_new_profiles(*, saved_search: SavedSearch, now: datetime):
    """The search's profiles listed since its last alert and never announced, newest first."""
    criteria = criteria_from_json(saved_search.criteria)
    criteria.page, criteria.sort = 1, Sort.CREATED
    return cvtheque_search(
        user=saved_search.created_by,
        criteria=criteria,
        now=now,
        listed_after=saved_search.last_alert_at - ALERT_LOOKBACK,
        exclude_ids=frozenset(saved_search.alerted_profile_ids or []),
        limit=ALERTED_IDS_KEPT,
        card_limit=ALERT_MAX_PROFILES,
    )


def saved_search_alert_send(*, saved_search: SavedSearch, now: datetime | None = None) -> int:
    """E-mail the recruiter the new profiles of one saved search; returns how many were announced."""
    now = now or timezone.now()
    recruiter = saved_search.created_by
    if recruiter is None or active_company_for(recruiter) is None or active_company_for(recruiter).pk != saved_search.folder.company_id:
        return 0
    if saved_search.kind != SavedSearchKind.CVTHEQUE:
        return _registered_alert_send(saved_search=saved_search, recruiter=recruiter, now=now)
    page = saved_search_new_profiles(saved_search=saved_search, now=now)
    profiles = [card.profile for card in page.cards]
    announced = [hit.pk for hit in page.result.hits] if page.result else []
    with transaction.atomic():
        locked = SavedSearch.objects.select_for_update().get(pk=saved_search.pk)
        already = set(locked.alerted_profile_ids or [])
        fresh = [pk for pk in announced if pk not in already]
        locked.alerted_profile_ids = (list(locked.alerted_profile_ids or []) + fresh)[-ALERTED_IDS_KEPT:]
        locked.last_alert_at = now
        locked.save(update_fields=["alerted_profile_ids", "last_alert_at"])
        if fresh:
            context = {
                "search": locked,
                "profiles": [p for p in profiles if p.pk in set(fresh)],
                "total": page.total,
                "more": max(0, page.total - len(profiles)),
                "search_url": absolute_url(reverse("search_admin:search") + "?" + criteria_from_json(locked.criteria).querystring()),
                "profile_url": absolute_url(reverse("search_admin:profile", args=[0])).removesuffix("0/"),
            }
            transaction.on_commit(
                lambda: send_templated_email(to=recruiter.email, template="search/emails/alert", context=context)
            )
    saved_search.last_alert_at = now
    return len(fresh)


def _registered_alert_send(*, saved_search: SavedSearch, recruiter, now: datetime) -> int:
    """The alert of a registered kind: the same rules as the CVthèque's (profiles new since the last
    alert, never announced twice, e-mail after commit), with the runner's matches and e-mail."""
    runner = runner_for(saved_search.kind)
    matches = runner.matches_since(saved_search, saved_search.last_alert_at - ALERT_LOOKBACK)
    with transaction.atomic():
        locked = SavedSearch.objects.select_for_update().select_related("folder").get(pk=saved_search.pk)
        already = set(locked.alerted_profile_ids or [])
        fresh = [pk for pk in matches if pk not in already][:ALERTED_IDS_KEPT]
        locked.alerted_profile_ids = (list(locked.alerted_profile_ids or []) + fresh)[-ALERTED_IDS_KEPT:]
        locked.last_alert_at = now
        locked.save(update_fields=["alerted_profile_ids", "last_alert_at"])
        if fresh:
            shown = fresh[:ALERT_MAX_PROFILES]
            by_pk = CandidateProfile.objects.select_related("home_commune").in_bulk(shown)
            profiles = [by_pk[pk] for pk in shown if pk in by_pk]
            for profile in profiles:
                profile.alert_url = absolute_url(runner.profile_path(locked, profile.pk))
            context = {
                "search": locked,
                "profiles": profiles,
                "total": len(fresh),
                "more": len(fresh) - len(profiles),
                "search_url": absolute_url(runner.search_path(locked)),
            }
            transaction.on_commit(
                lambda: send_templated_email(to=recruiter.email, template=runner.email_template, context=context)
            )
    saved_search.last_alert_at = now
    return len(fresh)


def saved_search_alerts_send(*, frequency: str, now: datetime | None = None) -> AlertReport:
    now = now or timezone.now()
    report = AlertReport()
    for saved_search in saved_searches_due(frequency=frequency, now=now):
        report.searches += 1
        try:
            sent = saved_search_alert_send(saved_search=saved_search, now=now)
        except Exception:
            logger.exception("%s alert failed for saved search %s", saved_search.kind, saved_search.pk)
            continue
        if sent:
            report.emails += 1
            report.profiles += sent
    return report
