"""A candidate's applications in their data export (GDPR articles 15 and 20).

Everything the platform keeps about each application goes in: the offer and company, the date, the
message and CV sent, the status and its history, the recruiters' notes about the candidate, and the
video interviews with their answers (the videos themselves are copied into the archive, like the CV).
"""

from __future__ import annotations

import os

from django.db.models import Prefetch

from portal.accounts.emails import absolute_url
from portal.candidates.exports import ExportFile, ExportPart
from portal.candidates.models import CandidateProfile

from .choices import OfferStatus
from .models import Application, InterviewAnswer, InterviewInvitation

KEY = "applications"


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _actor(event, candidate_user_id: int) -> str:
    # Recruiters are other people: their role is given, not their identity.
    if event.actor_id is None:
        return "plateforme"
    return "vous" if event.actor_id == candidate_user_id else "recruteur"


def candidate_applications_export(*, profile: CandidateProfile) -> ExportPart:
    applications = (
        Application.objects.filter(candidate=profile)
        .select_related("offer", "company")
        .prefetch_related(
            "events",
            "comments",
            Prefetch(
                "interview_invitations",
                queryset=InterviewInvitation.objects.select_related("campaign").prefetch_related(
                    "campaign__questions",
                    Prefetch("answers", queryset=InterviewAnswer.objects.select_related("question")),
                ),
            ),
        )
        .order_by("created_at", "pk")
    )
    items, files = [], []
    for number, application in enumerate(applications, start=1):
        folder = f"candidatures/{number:03d}"
        offer = application.offer
        item = {
            "company": application.company.name,
            "offer": {
                "title": offer.title,
                "reference": offer.reference,
                "url": absolute_url(offer.get_absolute_url()) if offer.status != OfferStatus.DRAFT else None,
            }
            if offer
            else None,
            "spontaneous": application.is_spontaneous,
            "applied_at": _iso(application.created_at),
            "message": application.message,
            "cv": None,
            "status": application.get_status_display(),
            "seen_by_recruiter_at": _iso(application.seen_at),
            "history": [
                {"at": _iso(event.created_at), "event": event.get_kind_display(), "details": event.details,
                 "by": _actor(event, profile.user_id)}
                for event in application.events.all()
            ],
            "recruiter_notes": [
                {"at": _iso(comment.created_at), "text": comment.text} for comment in application.comments.all()
            ],
            "video_interviews": [],
        }
        if application.cv_file:
            extension = os.path.splitext(application.cv_file.name)[1]
            path = f"{folder}/cv{extension}"
            item["cv"] = {"file_in_archive": path, "original_name": application.cv_original_name,
                          "extracted_text": application.cv_text}
            files.append(ExportFile(path, application.cv_file.storage, application.cv_file.name))
        for invitation in application.interview_invitations.all():
            answers = []
            position = {question.pk: rank for rank, question in enumerate(invitation.campaign.questions.all(), 1)}
            for answer in invitation.answers.all():
                extension = os.path.splitext(answer.video.name)[1]
                name = f"question-{position.get(answer.question_id, 0):02d}-essai-{answer.attempt}{extension}"
                path = f"{folder}/entretien-video/invitation-{invitation.pk}/{name}"
                answers.append({
                    "question": answer.question.text,
                    "attempt": answer.attempt,
                    "recorded_at": _iso(answer.uploaded_at),
                    "duration_seconds": answer.duration_seconds,
                    "size_bytes": answer.size,
                    "type": answer.mime_type,
                    "file_in_archive": path,
                })
                files.append(ExportFile(path, answer.video.storage, answer.video.name, compress=False))
            item["video_interviews"].append({
                "campaign": invitation.campaign.name,
                "status": invitation.get_status_display(),
                "invited_at": _iso(invitation.sent_at),
                "deadline": _iso(invitation.deadline),
                "started_at": _iso(invitation.started_at),
                "completed_at": _iso(invitation.completed_at),
                "answers": answers,
            })
        items.append(item)
    return ExportPart(key=KEY, data=items, files=files)
