"""Visiotalent reads, already limited to what the user may see.

A recruiter edits their company's campaigns and may use (never edit) the platform catalogue
(``company=None``); staff with the campaign permission edit the catalogue. Answers and invitations are
visible only to the recruiters of the application's company.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from ..choices import InvitationStatus
from ..models import (
    Application,
    Company,
    InterviewAnswer,
    InterviewCampaign,
    InterviewInvitation,
    InterviewQuestion,
)
from ..selectors import active_companies, active_company_for

CATALOGUE_PERMISSION = "recruiters.change_interviewcampaign"


def may_edit_catalogue(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_staff and user.has_perm(CATALOGUE_PERMISSION))


def campaign_owner_for(user) -> Company | None:
    """The company whose campaigns the user edits; None for catalogue staff (and for nobody else)."""
    return active_company_for(user)


def campaigns_editable(*, user) -> QuerySet[InterviewCampaign]:
    companies = active_companies(user)
    if active_company_for(user) is not None:
        return InterviewCampaign.objects.filter(company__in=companies)
    if may_edit_catalogue(user):
        return InterviewCampaign.objects.filter(company__isnull=True)
    return InterviewCampaign.objects.none()


def campaigns_visible(*, user) -> QuerySet[InterviewCampaign]:
    """Own campaigns (active or not) and the active catalogue, with their question and invitation counts."""
    if active_company_for(user) is not None:
        scope = Q(company__in=active_companies(user)) | Q(company__isnull=True, active=True)
    elif may_edit_catalogue(user):
        scope = Q(company__isnull=True)
    else:
        return InterviewCampaign.objects.none()
    return (
        InterviewCampaign.objects.filter(scope)
        .annotate(question_count=Count("questions", distinct=True))
        .order_by("company_id", "name", "pk")
    )


def campaign_questions(campaign: InterviewCampaign) -> QuerySet[InterviewQuestion]:
    return campaign.questions.order_by("order", "pk")


def invitation_by_token(token: str) -> InterviewInvitation | None:
    if not token or len(token) > 64:
        return None
    return (
        InterviewInvitation.objects.select_related("campaign", "application__candidate__user", "application__offer",
                                                   "application__company")
        .filter(token=token)
        .first()
    )


def invitations_for(*, user) -> QuerySet[InterviewInvitation]:
    return InterviewInvitation.objects.filter(application__company__in=active_companies(user))


def answers_for(*, user) -> QuerySet[InterviewAnswer]:
    return InterviewAnswer.objects.filter(invitation__application__company__in=active_companies(user))


def applications_invitable(*, user) -> QuerySet[Application]:
    return Application.objects.filter(company__in=active_companies(user))


def latest_answers(invitation: InterviewInvitation) -> dict[int, InterviewAnswer]:
    """The last attempt of each question, keyed by question id."""
    latest: dict[int, InterviewAnswer] = {}
    for answer in invitation.answers.order_by("question_id", "attempt"):
        latest[answer.question_id] = answer
    return latest


def application_interviews(application: Application) -> list[InterviewInvitation]:
    """The application's invitations with their questions and answers, in two queries more."""
    invitations = list(
        application.interview_invitations.select_related("campaign").prefetch_related(
            Prefetch("campaign__questions", queryset=InterviewQuestion.objects.order_by("order", "pk")),
            Prefetch("answers", queryset=InterviewAnswer.objects.order_by("question_id", "attempt")),
        )
    )
    for invitation in invitations:
        latest = {}
        for answer in invitation.answers.all():
            latest[answer.question_id] = answer
        invitation.rows = [(question, latest.get(question.pk)) for question in invitation.campaign.questions.all()]
    return invitations


def open_interviews_by_application(candidate) -> dict[int, list[InterviewInvitation]]:
    """The candidate's invitations still to record, by application id, in one query (for "Mes candidatures")."""
    rows: dict[int, list[InterviewInvitation]] = {}
    invitations = (
        InterviewInvitation.objects.filter(
            application__candidate=candidate,
            status__in=[InvitationStatus.INVITED, InvitationStatus.IN_PROGRESS],
        )
        .filter(Q(deadline__isnull=True) | Q(deadline__gt=timezone.now()))
        .select_related("campaign")
        .order_by("deadline", "pk")
    )
    for invitation in invitations:
        rows.setdefault(invitation.application_id, []).append(invitation)
    return rows
