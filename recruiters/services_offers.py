"""Write workflows of job offers, applications and augmented offers (issue 6).

Each service checks its input (``full_clean``), runs in one transaction, then sends its e-mails and
enqueues its tasks on commit. Illegal state changes raise ValidationError with a French message.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection

from portal.accounts.emails import absolute_url, send_templated_email
from portal.candidates.cv import inspect_cv
from portal.candidates.models import CandidateProfile

from .choices import (
    ApplicationEventKind,
    ApplicationStatus,
    AugmentedMediaType,
    CompanyStatus,
    EmailTemplateKind,
    NotificationFrequency,
    OfferStatus,
    RecruiterStatus,
)
from .models import (
    DEFAULT_EMAIL_TEMPLATES,
    Application,
    ApplicationComment,
    ApplicationEvent,
    AugmentedOfferImage,
    AugmentedOfferRule,
    Company,
    EmailTemplate,
    JobOffer,
    JobOfferLanguage,
    Recruiter,
    RecruiterNotificationSettings,
    email_template_fill,
)
from .visiotalent.services import interview_invite_for_new_application

OFFER_DEFAULT_LIFETIME_DAYS = 60

# Offer status changes the recruiter may ask for: (from statuses) -> to.
_TRANSITIONS = {
    "publish": ({OfferStatus.DRAFT}, OfferStatus.PUBLISHED),
    "close": ({OfferStatus.PUBLISHED}, OfferStatus.CLOSED),
    "reopen": ({OfferStatus.CLOSED, OfferStatus.EXPIRED}, OfferStatus.PUBLISHED),
}
_REFUSALS = {
    "publish": "Seule une offre en brouillon peut être publiée (pour une offre clôturée ou expirée, utilisez « Rouvrir »).",
    "close": "Seule une offre publiée peut être clôturée.",
    "reopen": "Seule une offre clôturée ou expirée peut être rouverte.",
}

_on_offer_changed: list[Callable[[list[int]], None]] = []


def on_offer_changed(callback: Callable[[list[int]], None]) -> None:
    """Let a higher layer (the public offer index in search/) hear about offers to re-index."""
    if callback not in _on_offer_changed:
        _on_offer_changed.append(callback)


def _offers_changed(offer_ids: Iterable[int]) -> None:
    ids = list(offer_ids)
    if not ids:
        return

    def notify():
        for callback in _on_offer_changed:
            callback(ids)

    transaction.on_commit(notify)


# --- Offers -----------------------------------------------------------------------------------------------

_OFFER_FIELDS = (
    "title",
    "description",
    "missions",
    "profile_sought",
    "job_titles",
    "min_years",
    "diploma_level",
    "diploma_field",
    "skills",
    "contract_type",
    "working_time",
    "commune",
    "radius_km",
    "remote_possible",
    "salary_min",
    "salary_max",
    "start_date",
    "positions",
    "expires_at",
    "campaign",
)


def _check_campaign(company: Company, campaign) -> None:
    if campaign is not None and campaign.company_id not in (None, company.pk):
        raise ValidationError(
            {"campaign": "Cette campagne Visiotalent n'est pas disponible pour votre entreprise."}
        )


def _set_children(offer: JobOffer, sectors, languages) -> None:
    if sectors is not None:
        offer.sectors.set(sectors)
    if languages is not None:
        offer.languages.all().delete()
        seen = set()
        for row in languages:
            code = row["language"].pk if hasattr(row["language"], "pk") else row["language"]
            if code in seen:
                raise ValidationError({"languages": "Chaque langue ne peut être demandée qu'une fois."})
            seen.add(code)
            language = JobOfferLanguage(offer=offer, language_id=code, level=row["level"])
            language.full_clean()
            language.save()


@transaction.atomic
def job_offer_create(
    *, company: Company, user, data: dict[str, Any], sectors=None, languages=None
) -> JobOffer:
    offer = JobOffer(company=company, created_by=user)
    for field in _OFFER_FIELDS:
        if field in data:
            setattr(offer, field, data[field])
    _check_campaign(company, offer.campaign)
    offer.full_clean(exclude=["slug"])
    offer.save()
    _set_children(offer, sectors, languages)
    return offer


@transaction.atomic
def job_offer_update(*, offer: JobOffer, data: dict[str, Any], sectors=None, languages=None) -> JobOffer:
    offer = JobOffer.objects.select_for_update().get(pk=offer.pk)
    for field in _OFFER_FIELDS:
        if field in data:
            setattr(offer, field, data[field])
    _check_campaign(offer.company, offer.campaign)
    if offer.status == OfferStatus.PUBLISHED and offer.expires_at is None:
        # A published offer always has an end: the default lifetime, as when it was published.
        now = timezone.now()
        default = (offer.published_at or now) + timedelta(days=OFFER_DEFAULT_LIFETIME_DAYS)
        offer.expires_at = default if default > now else now + timedelta(days=OFFER_DEFAULT_LIFETIME_DAYS)
    offer.full_clean()
    offer.save()
    _set_children(offer, sectors, languages)
    if offer.status == OfferStatus.PUBLISHED:
        _offers_changed([offer.pk])
    return offer


@transaction.atomic
def job_offer_duplicate(*, offer: JobOffer, user) -> JobOffer:
    """A draft copy of the offer (title marked as a copy), without its applications."""
    copy = JobOffer(company=offer.company, created_by=user)
    for field in _OFFER_FIELDS:
        setattr(copy, field, getattr(offer, field))
    copy.title = f"{offer.title} (copie)"[:200]
    copy.expires_at = None
    copy.full_clean(exclude=["slug"])
    copy.save()
    copy.sectors.set(offer.sectors.all())
    for language in offer.languages.all():
        JobOfferLanguage.objects.create(offer=copy, language_id=language.language_id, level=language.level)
    return copy


def _transition(offer: JobOffer, action: str) -> JobOffer:
    allowed, target = _TRANSITIONS[action]
    offer = JobOffer.objects.select_for_update().get(pk=offer.pk)
    if offer.status not in allowed:
        raise ValidationError(_REFUSALS[action], code="illegal_transition")
    now = timezone.now()
    if target == OfferStatus.PUBLISHED:
        if not offer.company.is_active:
            raise ValidationError("Votre entreprise doit être validée pour publier une offre.")
        if offer.commune_id is None:
            raise ValidationError("Indiquez le lieu de travail avant de publier l'offre.")
        if offer.expires_at is None or offer.expires_at <= now:
            offer.expires_at = now + timedelta(days=OFFER_DEFAULT_LIFETIME_DAYS)
        offer.published_at = now
        offer.closed_at = None
    else:
        offer.closed_at = now
    offer.status = target
    offer.full_clean()
    offer.save()
    _offers_changed([offer.pk])
    return offer


@transaction.atomic
def job_offer_publish(*, offer: JobOffer) -> JobOffer:
    return _transition(offer, "publish")


@transaction.atomic
def job_offer_close(*, offer: JobOffer) -> JobOffer:
    return _transition(offer, "close")


@transaction.atomic
def job_offer_reopen(*, offer: JobOffer) -> JobOffer:
    return _transition(offer, "reopen")


@transaction.atomic
def job_offers_expire(*, now=None) -> int:
    """Mark published offers past their expiry date as expired; returns how many."""
    now = now or timezone.now()
    ids = list(
        JobOffer.objects.filter(status=OfferStatus.PUBLISHED, expires_at__lte=now).values_list(
            "pk", flat=True
        )
    )
    JobOffer.objects.filter(pk__in=ids).update(status=OfferStatus.EXPIRED, closed_at=now)
    _offers_changed(ids)
    return len(ids)


# --- Applications -----------------------------------------------------------------------------------------


def _company_recruiters(company: Company):
    return Recruiter.objects.filter(
        company=company, status=RecruiterStatus.APPROVED, user__is_active=True
    ).select_related("user", "notification_settings")


def _frequency(recruiter: Recruiter) -> str:
    try:
        return recruiter.notification_settings.application_frequency
    except RecruiterNotificationSettings.DoesNotExist:
        return NotificationFrequency.IMMEDIATE


def _snapshot_cv(application: Application, profile: CandidateProfile, uploaded_file) -> None:
    if uploaded_file is not None:
        content = inspect_cv(uploaded_file)
        application.cv_file.save(f"cv.{content.extension}", ContentFile(content.data), save=False)
        application.cv_original_name = os.path.basename(getattr(uploaded_file, "name", "") or "")[:255]
        application.cv_text = content.text
    elif profile.cv_file:
        with profile.cv_file.open("rb") as handle:
            data = handle.read()
        extension = profile.cv_file.name.rsplit(".", 1)[-1]
        application.cv_file.save(f"cv.{extension}", ContentFile(data), save=False)
        application.cv_original_name = profile.cv_original_name
        application.cv_text = profile.cv_text
    else:
        raise ValidationError({"cv": "Joignez un CV : votre profil n'en contient pas encore."})


def _submit(
    *, company: Company, offer: JobOffer | None, candidate: CandidateProfile, message: str, cv_file=None
) -> Application:
    if company.status != CompanyStatus.ACTIVE:
        raise ValidationError("Cette entreprise ne reçoit pas de candidatures pour le moment.")
    if offer is not None:
        if not offer.is_open:
            raise ValidationError("Cette offre n'est plus ouverte aux candidatures.")
        if Application.objects.filter(offer=offer, candidate=candidate).exists():
            raise ValidationError(
                "Vous avez déjà postulé à cette offre : votre candidature est bien enregistrée, inutile de la renvoyer.",
                code="duplicate",
            )
    application = Application(
        company=company, offer=offer, candidate=candidate, message=(message or "").strip()
    )
    _snapshot_cv(application, candidate, cv_file)
    try:
        application.full_clean(exclude=["cv_file"])
        with transaction.atomic():
            application.save()
    except (ValidationError, IntegrityError):
        if application.cv_file.name:
            application.cv_file.storage.delete(application.cv_file.name)
        if Application.objects.filter(offer=offer, candidate=candidate).exists() and offer is not None:
            raise ValidationError("Vous avez déjà postulé à cette offre.", code="duplicate") from None
        raise
    ApplicationEvent.objects.create(
        application=application, actor=candidate.user, kind=ApplicationEventKind.SUBMITTED
    )
    return application


def _acknowledge(application: Application) -> None:
    send_templated_email(
        to=application.candidate.user.email,
        template="recruiters/emails/application_ack",
        context={
            "application": application,
            "offer": application.offer,
            "company": application.company,
            "space_url": absolute_url(reverse("offers:my_applications")),
        },
    )


def _notify_immediately(application: Application) -> None:
    recipients = [
        r.user.email
        for r in _company_recruiters(application.company)
        if _frequency(r) == NotificationFrequency.IMMEDIATE
    ]
    if recipients:
        send_templated_email(
            to=recipients,
            template="recruiters/emails/application_new",
            context={
                "application": application,
                "offer": application.offer,
                "url": absolute_url(reverse("recruiters_admin:application_detail", args=[application.pk])),
            },
        )
    Application.objects.filter(pk=application.pk).update(notified_at=timezone.now())


def application_submit(
    *, offer: JobOffer, candidate: CandidateProfile, message: str = "", cv_file=None
) -> Application:
    """A candidate applies to a published offer with their profile CV or a new file."""
    with transaction.atomic():
        offer = JobOffer.objects.select_related("company").get(pk=offer.pk)
        application = _submit(
            company=offer.company, offer=offer, candidate=candidate, message=message, cv_file=cv_file
        )
        transaction.on_commit(lambda: (_acknowledge(application), _notify_immediately(application)))
        # An offer with a Visiotalent campaign invites each applicant at once (e-mail sent after the ack).
        interview_invite_for_new_application(application=application)
    return application


def application_submit_spontaneous(
    *, company: Company, candidate: CandidateProfile, message: str = "", cv_file=None, forward_to: str = ""
) -> Application:
    """A spontaneous application from the company page: stored for the recruiters, forwarded, acknowledged."""
    with transaction.atomic():
        application = _submit(
            company=company, offer=None, candidate=candidate, message=message, cv_file=cv_file
        )

        def after():
            _acknowledge(application)
            _notify_immediately(application)
            if forward_to:
                # The company's mailbox answers the candidate by replying to the forward.
                send_templated_email(
                    to=forward_to,
                    template="recruiters/emails/application_forward",
                    context={"application": application, "company": company,
                             "reply_to_name": candidate.user.get_full_name()},
                    reply_to=[candidate.user.email],
                )

        transaction.on_commit(after)
    return application


@transaction.atomic
def application_mark_seen(*, application: Application, user) -> Application:
    if application.seen_at is None:
        application.seen_at = timezone.now()
        application.save(update_fields=["seen_at", "updated_at"])
        ApplicationEvent.objects.create(application=application, actor=user, kind=ApplicationEventKind.SEEN)
    return application


@transaction.atomic
def application_status_set(*, applications: Iterable[Application], status: str, user) -> int:
    if status not in ApplicationStatus.values:
        raise ValidationError("Statut de candidature inconnu.")
    label = ApplicationStatus(status).label
    changed = 0
    for application in applications:
        if application.status == status:
            continue
        previous = application.get_status_display()
        application.status = status
        application.save(update_fields=["status", "updated_at"])
        ApplicationEvent.objects.create(
            application=application,
            actor=user,
            kind=ApplicationEventKind.STATUS_CHANGED,
            details=f"{previous} → {label}",
        )
        changed += 1
    return changed


def _one_newline(text: str | None) -> str:
    # Browsers post text areas with CRLF line ends.
    return (text or "").replace("\r\n", "\n").strip()


@transaction.atomic
def application_comment_add(*, application: Application, user, text: str) -> ApplicationComment:
    comment = ApplicationComment(application=application, author=user, text=_one_newline(text))
    if not comment.text:
        raise ValidationError({"text": "Écrivez un commentaire."})
    comment.full_clean()
    comment.save()
    ApplicationEvent.objects.create(application=application, actor=user, kind=ApplicationEventKind.COMMENTED)
    return comment


def email_template_for(*, company: Company, kind: str) -> EmailTemplate:
    """The company's template, or an unsaved one with the French default wording."""
    template = EmailTemplate.objects.filter(company=company, kind=kind).first()
    if template is None:
        subject, body = DEFAULT_EMAIL_TEMPLATES[EmailTemplateKind(kind)]
        template = EmailTemplate(company=company, kind=kind, subject=subject, body=body)
    return template


@transaction.atomic
def email_template_save(*, company: Company, kind: str, subject: str, body: str) -> EmailTemplate:
    """Create or replace the company's template of this kind. Two colleagues saving the same kind at once
    both succeed and the last one's wording stays: an upsert, not a lookup then an insert."""
    wording = {"subject": " ".join((subject or "").split()), "body": _one_newline(body)}
    EmailTemplate(company=company, kind=kind, **wording).full_clean(validate_constraints=False)
    template, _ = EmailTemplate.objects.update_or_create(company=company, kind=kind, defaults=wording)
    return template


def render_email_template(
    template: EmailTemplate, application: Application, user, reason: str = ""
) -> tuple[str, str]:
    """The template's subject and body for this application. Without a reason, {motif} stays as written,
    for the recruiter to replace before sending."""
    user_c = application.candidate.user
    values = {
        "prenom": user_c.first_name,
        "nom": user_c.last_name,
        "offre": application.offer.title if application.offer_id else "candidature spontanée",
        "entreprise": application.company.name,
        "recruteur": user.get_full_name() or user.email,
    }
    if reason:
        values["motif"] = reason
    return email_template_fill(template.subject, values), email_template_fill(template.body, values)


def application_email_send(*, application: Application, user, subject: str, body: str) -> None:
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject or not body:
        raise ValidationError("L'objet et le texte de l'e-mail sont obligatoires.")
    if len(subject) > 200 or len(body) > 10000:
        raise ValidationError("L'e-mail est trop long.")
    with transaction.atomic():
        ApplicationEvent.objects.create(
            application=application, actor=user, kind=ApplicationEventKind.EMAIL_SENT, details=subject[:500]
        )
        transaction.on_commit(
            lambda: send_templated_email(
                to=application.candidate.user.email,
                template="recruiters/emails/application_message",
                context={"subject": subject, "body": body, "company": application.company,
                         "reply_to_name": user.get_full_name()},
                reply_to=[user.email],
            )
        )


@transaction.atomic
def notification_settings_set(*, recruiter: Recruiter, frequency: str) -> RecruiterNotificationSettings:
    settings_row, _ = RecruiterNotificationSettings.objects.get_or_create(recruiter=recruiter)
    settings_row.application_frequency = frequency
    settings_row.full_clean()
    settings_row.save()
    return settings_row


def application_digests_send(*, now=None) -> int:
    """E-mail each daily-digest recruiter the applications received since their last digest."""
    now = now or timezone.now()
    sent = 0
    rows = RecruiterNotificationSettings.objects.filter(
        application_frequency=NotificationFrequency.DAILY,
        recruiter__status=RecruiterStatus.APPROVED,
        recruiter__company__status=CompanyStatus.ACTIVE,
        recruiter__user__is_active=True,
    ).select_related("recruiter__user", "recruiter__company")
    for row in rows:
        since = row.last_digest_at or (now - timedelta(days=1))
        applications = list(
            Application.objects.filter(
                company=row.recruiter.company, created_at__gt=since, created_at__lte=now
            )
            .select_related("offer", "candidate__user")
            .order_by("created_at")
        )
        if applications:
            send_templated_email(
                to=row.recruiter.user.email,
                template="recruiters/emails/application_digest",
                context={
                    "applications": applications,
                    "company": row.recruiter.company,
                    "url": absolute_url(reverse("recruiters_admin:applications")),
                },
            )
            sent += 1
        row.last_digest_at = now
        row.save(update_fields=["last_digest_at"])
    return sent


# --- Augmented offers -------------------------------------------------------------------------------------

AUGMENTED_COLLECTION_NAME = "Offres augmentées"


@dataclass(frozen=True)
class AugmentedImageRow:
    """One image row as the recruiter left it, in display order: a stored image, a new upload, or both (replaced)."""

    existing: AugmentedOfferImage | None = None
    upload: Any = None
    caption: str = ""
    delete: bool = False


def _augmented_collection() -> Collection:
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    return root.get_children().filter(name=AUGMENTED_COLLECTION_NAME).first() or root.add_child(
        name=AUGMENTED_COLLECTION_NAME
    )


def _image_store(upload, *, title: str, user):
    image = get_image_model()(title=title[:255], collection=_augmented_collection(), uploaded_by_user=user)
    image.file = upload
    image._set_image_file_metadata()
    image.save()
    return image


def _image_discard(image) -> None:
    """Delete an uploaded image nobody uses any more; images of the shared library are never touched."""
    if image.collection_id == _augmented_collection().pk and not AugmentedOfferImage.objects.filter(
        image=image
    ).exists():
        image.delete()


_IMAGE_COUNT_ERRORS = {
    AugmentedMediaType.IMAGE: "Ajoutez au moins une image : le type « Image » en montre une.",
    AugmentedMediaType.SLIDESHOW: "Ajoutez au moins une image au diaporama.",
}


@transaction.atomic
def augmented_rule_save(
    *, rule: AugmentedOfferRule, user, offers, communes, images: list[AugmentedImageRow]
) -> AugmentedOfferRule:
    """Create or update an augmented offer with its conditions and its images (uploads stored as Wagtail images)."""
    kept = [row for row in images if not row.delete and (row.existing is not None or row.upload)]
    if rule.media_type in _IMAGE_COUNT_ERRORS and not kept:
        raise ValidationError({"images": _IMAGE_COUNT_ERRORS[rule.media_type]})
    if rule.media_type == AugmentedMediaType.IMAGE and len(kept) > 1:
        raise ValidationError(
            {"images": "Une seule image pour le type « Image » : choisissez « Diaporama » pour en montrer plusieurs."}
        )
    offers = list(offers)
    if any(offer.company_id != rule.company_id for offer in offers):
        raise ValidationError({"offers": "Choisissez des offres de votre entreprise."})
    rule.full_clean()
    rule.save()
    rule.offers.set(offers)
    rule.communes.set(communes)
    for row in images:
        if row.delete and row.existing is not None and row.existing.rule_id == rule.pk:
            image = row.existing.image
            row.existing.delete()
            _image_discard(image)
    for position, row in enumerate(kept):
        item = row.existing if row.existing is not None and row.existing.rule_id == rule.pk else None
        item = item or AugmentedOfferImage(rule=rule)
        replaced = item.image if item.pk and row.upload else None
        if row.upload:
            item.image = _image_store(row.upload, title=row.caption or rule.name, user=user)
        item.caption, item.sort_order = (row.caption or "").strip(), position
        item.full_clean(exclude=["rule"])
        item.save()
        if replaced is not None:
            _image_discard(replaced)
    return rule


@transaction.atomic
def augmented_rule_delete(*, rule: AugmentedOfferRule) -> None:
    images = [item.image for item in rule.images.select_related("image")]
    rule.delete()
    for image in images:
        _image_discard(image)
