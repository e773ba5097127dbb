"""What the CVthèque keeps about a candidate, for their data export (GDPR articles 15 and 20): which
companies opened their profile or CV and when, the messages recruiters sent them, and what recruiters
noted about them (notes, status, folders they were put in). Recruiters are named by their company only.
"""

from __future__ import annotations

from portal.candidates.exports import ExportPart
from portal.candidates.models import CandidateProfile

from .models import Comment, ContactMessage, FolderProfile, ProfileAccess, ProfileStatus

KEY = "cvtheque"


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def candidate_cvtheque_export(*, profile: CandidateProfile) -> ExportPart:
    accesses = ProfileAccess.objects.filter(profile=profile).select_related("company").order_by("at", "pk")
    messages = ContactMessage.objects.filter(profile=profile).select_related("company").order_by("sent_at", "pk")
    notes = Comment.objects.filter(profile=profile).select_related("company").order_by("created_at", "pk")
    statuses = ProfileStatus.objects.filter(profile=profile).select_related("company").order_by("updated_at", "pk")
    folders = (
        FolderProfile.objects.filter(profile=profile).select_related("folder__company").order_by("added_at", "pk")
    )
    return ExportPart(
        key=KEY,
        data={
            "consultations": [
                {"company": access.company.name, "at": _iso(access.at), "action": access.get_kind_display()}
                for access in accesses
            ],
            "messages_received": [
                {"company": message.company.name, "sent_at": _iso(message.sent_at), "subject": message.subject,
                 "body": message.body}
                for message in messages
            ],
            "recruiter_notes": [
                {"company": note.company.name, "at": _iso(note.created_at), "text": note.text} for note in notes
            ],
            "statuses": [
                {"company": status.company.name, "status": status.get_status_display(),
                 "at": _iso(status.updated_at)}
                for status in statuses
            ],
            "folders": [
                {"company": entry.folder.company.name, "folder": entry.folder.name, "added_at": _iso(entry.added_at)}
                for entry in folders
            ],
        },
    )
