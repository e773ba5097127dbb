"""Visiotalent write workflows: campaigns, invitations, recorded answers, completion, expiry.

Each service checks its input, runs in one transaction and sends its e-mails on commit. Refusals are
ValidationErrors with a French message (and a ``code`` the views turn into the right HTTP status).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from typing import Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from portal.accounts.emails import absolute_url, send_templated_email

from ..choices import ApplicationEventKind, InvitationStatus
from ..models import (
    Application,
    ApplicationEvent,
    Company,
    InterviewAnswer,
    InterviewCampaign,
    InterviewInvitation,
    InterviewQuestion,
)
from ..selectors import active_recruiter_emails

# Content-sniffed type -> the type stored and served back.
ACCEPTED_VIDEO_TYPES = {
    "video/webm": ("video/webm", "webm"),
    "video/mp4": ("video/mp4", "mp4"),
    "video/x-m4v": ("video/mp4", "mp4"),
    "video/quicktime": ("video/quicktime", "mov"),
    "audio/ogg": ("video/ogg", "ogv"),
    "video/ogg": ("video/ogg", "ogv"),
}
DEFAULT_MAX_VIDEO_BYTES = 200 * 1024 * 1024
SNIFF_BYTES = 8192


def max_video_bytes() -> int:
    return int(getattr(settings, "VISIOTALENT_MAX_VIDEO_BYTES", DEFAULT_MAX_VIDEO_BYTES))


# --- Campaigns --------------------------------------------------------------------------------------------

def _check_questions(questions: list[dict[str, Any]]) -> None:
    if not questions:
        raise ValidationError({"questions": "Ajoutez au moins une question à la campagne."})


@transaction.atomic
def campaign_save(*, campaign: InterviewCampaign, company: Company | None, user,
                  questions: list[dict[str, Any]]) -> InterviewCampaign:
    """Create or update a campaign and replace its ordered questions (text, preparation, max length)."""
    if campaign.pk and campaign.company_id != (company.pk if company else None):
        raise ValidationError("Cette campagne ne vous appartient pas.", code="forbidden")
    _check_questions(questions)
    campaign.company = company
    if campaign.pk is None:
        campaign.created_by = user
    campaign.full_clean()
    campaign.save()
    kept = []
    for order, data in enumerate(questions, start=1):
        question = campaign.questions.filter(pk=data.get("id")).first() if data.get("id") else None
        question = question or InterviewQuestion(campaign=campaign)
        question.order = order
        question.text = data["text"]
        question.preparation_seconds = data["preparation_seconds"]
        question.max_answer_seconds = data["max_answer_seconds"]
        question.full_clean()
        question.save()
        kept.append(question.pk)
    # Questions already answered stay (their answers need them); they just leave the campaign's list.
    removable = campaign.questions.exclude(pk__in=kept)
    answered = removable.filter(answers__isnull=False)
    if answered.exists():
        raise ValidationError(
            "Une question qui a déjà reçu des réponses ne peut pas être supprimée : modifiez-la ou créez une "
            "nouvelle campagne."
        )
    removable.delete()
    return campaign


def campaign_delete(*, campaign: InterviewCampaign, company: Company | None) -> None:
    if campaign.company_id != (company.pk if company else None):
        raise ValidationError("Cette campagne ne vous appartient pas.", code="forbidden")
    if campaign.invitations.exists():
        raise ValidationError(
            "Des candidats ont déjà été invités à cette campagne : désactivez-la plutôt que de la supprimer."
        )
    campaign.delete()


# --- Invitations ------------------------------------------------------------------------------------------

def invitation_deadline(campaign: InterviewCampaign, now: datetime) -> datetime:
    """The earliest of "now + N days" and the campaign's last day (end of that day, local time)."""
    candidates = []
    if campaign.deadline_days:
        candidates.append(now + timedelta(days=campaign.deadline_days))
    if campaign.deadline_date:
        candidates.append(timezone.make_aware(datetime.combine(campaign.deadline_date, time(23, 59, 59))))
    return min(candidates) if candidates else now + timedelta(days=7)


def interview_url(invitation: InterviewInvitation) -> str:
    return absolute_url(reverse("recruiters:visiotalent_record", args=[invitation.token]))


def recruiter_answers_url(application: Application) -> str:
    try:
        path = reverse("recruiters_admin:application_detail", args=[application.pk])
    except NoReverseMatch:
        path = reverse("recruiters_admin:visiotalent_application", args=[application.pk])
    return absolute_url(path)


def _check_campaign_usable(campaign: InterviewCampaign, application: Application, now: datetime) -> None:
    if campaign.company_id not in (None, application.company_id):
        raise ValidationError("Cette campagne Visiotalent n'est pas disponible pour votre entreprise.", code="forbidden")
    if not campaign.active:
        raise ValidationError(f"La campagne « {campaign.name} » est désactivée.")
    if campaign.deadline_date and campaign.deadline_date < timezone.localdate(now):
        raise ValidationError(f"La date limite de la campagne « {campaign.name} » est dépassée.")
    if not campaign.questions.exists():
        raise ValidationError(f"La campagne « {campaign.name} » ne contient aucune question.")


def _send_invitation_email(invitation: InterviewInvitation) -> None:
    application = invitation.application
    send_templated_email(
        to=application.candidate.user.email,
        template="recruiters/visiotalent/emails/invitation",
        context={
            "invitation": invitation,
            "application": application,
            "company": application.company,
            "offer": application.offer,
            "url": interview_url(invitation),
            "question_count": invitation.campaign.questions.count(),
        },
    )


def interview_invite(*, application: Application, campaign: InterviewCampaign, invited_by=None,
                     now: datetime | None = None) -> InterviewInvitation:
    """Invite the applicant to record the campaign's answers; inviting twice returns the first invitation."""
    now = now or timezone.now()
    existing = InterviewInvitation.objects.filter(application=application, campaign=campaign).first()
    if existing is not None:
        return existing
    _check_campaign_usable(campaign, application, now)
    invitation = InterviewInvitation(
        application=application, campaign=campaign, invited_by=invited_by, sent_at=now,
        deadline=invitation_deadline(campaign, now),
    )
    invitation.full_clean(exclude=["application", "campaign"], validate_unique=False)
    try:
        with transaction.atomic():
            invitation.save()
            ApplicationEvent.objects.create(
                application=application, actor=invited_by, kind=ApplicationEventKind.INVITED,
                details=campaign.name[:500],
            )
            transaction.on_commit(lambda: _send_invitation_email(invitation))
    except IntegrityError:  # a concurrent invitation won the race
        return InterviewInvitation.objects.get(application=application, campaign=campaign)
    return invitation


def interview_invite_bulk(*, applications: Iterable[Application], campaign: InterviewCampaign,
                          invited_by=None) -> tuple[list[InterviewInvitation], list[str]]:
    """Invite a selection; returns the new invitations and the French reasons of the ones skipped.

    Applications already invited to the campaign are neither re-invited nor counted as errors.
    """
    created, refused = [], []
    for application in applications:
        if InterviewInvitation.objects.filter(application=application, campaign=campaign).exists():
            continue
        try:
            created.append(interview_invite(application=application, campaign=campaign, invited_by=invited_by))
        except ValidationError as error:
            refused.append(f"{application.candidate} : {' '.join(error.messages)}")
    return created, refused


def interview_invite_for_new_application(*, application: Application) -> InterviewInvitation | None:
    """Called when a candidate applies: an offer with a usable campaign invites them at once."""
    offer = application.offer
    campaign = offer.campaign if offer is not None and offer.campaign_id else None
    if campaign is None:
        return None
    try:
        return interview_invite(application=application, campaign=campaign, invited_by=None)
    except ValidationError:
        # A campaign that became unusable must not block the application itself.
        return None


# --- Recording --------------------------------------------------------------------------------------------

def invitation_check_open(invitation: InterviewInvitation, now: datetime | None = None) -> None:
    """Refuse completed and expired invitations (code "completed" / "expired")."""
    now = now or timezone.now()
    if invitation.status == InvitationStatus.COMPLETED:
        raise ValidationError("Vous avez déjà terminé cet entretien vidéo : vos réponses ont été transmises.",
                              code="completed")
    if invitation.status == InvitationStatus.EXPIRED or (invitation.deadline and invitation.deadline < now):
        if invitation.status != InvitationStatus.EXPIRED:
            InterviewInvitation.objects.filter(pk=invitation.pk).update(status=InvitationStatus.EXPIRED)
            invitation.status = InvitationStatus.EXPIRED
        raise ValidationError("Le délai pour répondre à cet entretien vidéo est dépassé.", code="expired")


def interview_start(*, invitation: InterviewInvitation) -> InterviewInvitation:
    invitation_check_open(invitation)
    if invitation.started_at is None:
        invitation.started_at = timezone.now()
        invitation.status = InvitationStatus.IN_PROGRESS
        invitation.save(update_fields=["started_at", "status"])
    return invitation


def max_attempts(campaign: InterviewCampaign) -> int:
    return 1 + campaign.retries_allowed


def _sniff(file) -> str:
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    kind = filetype.guess(head) if head else None
    if kind is None or kind.mime not in ACCEPTED_VIDEO_TYPES:
        raise ValidationError(
            "Ce fichier n'est pas une vidéo reconnue. Envoyez une vidéo WebM, MP4, Ogg ou QuickTime (MOV).",
            code="invalid",
        )
    return kind.mime


def interview_answer_upload(*, invitation: InterviewInvitation, question: InterviewQuestion, attempt: int,
                            file, duration_seconds: float | None = None) -> tuple[InterviewAnswer, bool]:
    """Store one recorded answer. Sending the same attempt again returns the stored one (created=False)."""
    invitation_check_open(invitation)
    if question.campaign_id != invitation.campaign_id:
        raise ValidationError("Cette question ne fait pas partie de votre entretien.", code="not_found")
    limit = max_attempts(invitation.campaign)
    if not isinstance(attempt, int) or attempt < 1:
        raise ValidationError("Numéro de tentative invalide.", code="invalid")
    existing = InterviewAnswer.objects.filter(invitation=invitation, question=question, attempt=attempt).first()
    if existing is not None:
        return existing, False
    if attempt > limit:
        raise ValidationError(
            f"Vous avez utilisé toutes les tentatives permises pour cette question ({limit}).", code="conflict"
        )
    size = getattr(file, "size", None) or 0
    if size <= 0:
        raise ValidationError("La vidéo reçue est vide : recommencez l'enregistrement.", code="invalid")
    if size > max_video_bytes():
        megabytes = max_video_bytes() // (1024 * 1024)
        raise ValidationError(f"La vidéo dépasse la taille maximale de {megabytes} Mo.", code="too_large")
    mime = _sniff(file)
    stored_type, extension = ACCEPTED_VIDEO_TYPES[mime]
    if duration_seconds is not None:
        duration_seconds = max(0.0, min(float(duration_seconds), question.max_answer_seconds + 5.0))
    answer = InterviewAnswer(
        invitation=invitation, question=question, attempt=attempt, mime_type=stored_type, size=size,
        duration_seconds=duration_seconds,
    )
    answer.video.save(f"answer.{extension}", file, save=False)
    try:
        with transaction.atomic():
            answer.save()
            if invitation.started_at is None:
                InterviewInvitation.objects.filter(pk=invitation.pk).update(
                    started_at=timezone.now(), status=InvitationStatus.IN_PROGRESS
                )
    except IntegrityError:
        answer.video.storage.delete(answer.video.name)
        return InterviewAnswer.objects.get(invitation=invitation, question=question, attempt=attempt), False
    return answer, True


def _send_completion_email(invitation: InterviewInvitation) -> None:
    application = invitation.application
    recipients = active_recruiter_emails(application.company)
    if not recipients:
        return
    send_templated_email(
        to=recipients,
        template="recruiters/visiotalent/emails/completed",
        context={
            "invitation": invitation,
            "application": application,
            "offer": application.offer,
            "candidate_name": application.candidate.user.get_full_name() or "Un candidat",
            "url": recruiter_answers_url(application),
        },
    )


def interview_complete(*, invitation: InterviewInvitation) -> InterviewInvitation:
    """The candidate has answered every question: close the invitation and tell the recruiters."""
    if invitation.status == InvitationStatus.COMPLETED:
        return invitation
    invitation_check_open(invitation)
    missing = invitation.campaign.questions.exclude(answers__invitation=invitation).count()
    if missing:
        raise ValidationError(
            "Il reste une question sans réponse enregistrée : répondez-y avant de terminer." if missing == 1
            else f"Il reste {missing} questions sans réponse enregistrée : répondez-y avant de terminer.",
            code="conflict",
        )
    with transaction.atomic():
        invitation = InterviewInvitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status == InvitationStatus.COMPLETED:
            return invitation
        invitation.status = InvitationStatus.COMPLETED
        invitation.completed_at = timezone.now()
        invitation.save(update_fields=["status", "completed_at"])
        ApplicationEvent.objects.create(
            application=invitation.application, actor=None, kind=ApplicationEventKind.VIDEO_COMPLETED,
            details=invitation.campaign.name[:500],
        )
        transaction.on_commit(lambda: _send_completion_email(invitation))
    return invitation


def interview_invitations_expire(*, now: datetime | None = None) -> int:
    """Mark unfinished invitations past their deadline as expired."""
    now = now or timezone.now()
    return InterviewInvitation.objects.filter(
        status__in=[InvitationStatus.INVITED, InvitationStatus.IN_PROGRESS], deadline__lt=now
    ).update(status=InvitationStatus.EXPIRED)
