"""The candidate's recording page, reached by the personal link of the invitation e-mail.

The token (32 random bytes, unique per invitation, sent only to the candidate's address) is the
credential, like a password-reset link: candidates can record from the device that has a camera without
logging in there first. A visitor logged in as someone else is refused, so one browser session never
mixes two identities; no page ever lists or reveals another invitation.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from ..visiotalent.selectors import campaign_questions, invitation_by_token, latest_answers
from ..visiotalent.services import (
    interview_answer_upload,
    interview_complete,
    interview_start,
    max_attempts,
    max_video_bytes,
)

ERROR_STATUS = {"completed": 410, "expired": 410, "not_found": 404, "too_large": 413, "conflict": 409,
                "forbidden": 403}
WRONG_ACCOUNT = ("Ce lien d'entretien vidéo est personnel et ne correspond pas au compte avec lequel vous êtes "
                 "connecté. Déconnectez-vous ou ouvrez-le dans une fenêtre de navigation privée.")


def _status_for(error: ValidationError) -> int:
    return ERROR_STATUS.get(getattr(error, "code", None), 400)


class InvitationMixin:
    def load(self, request, token):
        invitation = invitation_by_token(token)
        if invitation is None:
            raise Http404("Ce lien d'entretien vidéo n'existe pas.")
        candidate_user = invitation.application.candidate.user
        if request.user.is_authenticated and request.user.pk != candidate_user.pk:
            return invitation, WRONG_ACCOUNT
        return invitation, None


class RecordView(InvitationMixin, View):
    template_name = "recruiters/visiotalent/record.html"

    def get(self, request, token):
        invitation, refusal = self.load(request, token)
        if refusal:
            return render(request, "recruiters/visiotalent/unavailable.html", {"message": refusal}, status=403)
        try:
            interview_start(invitation=invitation)
        except ValidationError as error:
            return render(request, "recruiters/visiotalent/unavailable.html",
                          {"message": " ".join(error.messages), "code": error.code}, status=_status_for(error))
        questions = list(campaign_questions(invitation.campaign))
        done = latest_answers(invitation)
        config = {
            "maxAttempts": max_attempts(invitation.campaign),
            "maxBytes": max_video_bytes(),
            "completeUrl": reverse("recruiters:visiotalent_complete", args=[token]),
            "questions": [
                {
                    "id": q.pk,
                    "text": q.text,
                    "preparation": q.preparation_seconds,
                    "maxLength": q.max_answer_seconds,
                    "uploadUrl": reverse("recruiters:visiotalent_upload", args=[token, q.pk]),
                    "attemptsUsed": done[q.pk].attempt if q.pk in done else 0,
                }
                for q in questions
            ],
        }
        return render(request, self.template_name, {
            "invitation": invitation, "campaign": invitation.campaign, "application": invitation.application,
            "questions": questions, "config": config,
        })


class AnswerUploadView(InvitationMixin, View):
    """POST one recorded answer (multipart ``video`` + ``attempt``); JSON in, JSON out, French messages."""

    def post(self, request, token, question_id):
        invitation, refusal = self.load(request, token)
        if refusal:
            return JsonResponse({"error": refusal}, status=403)
        question = get_object_or_404(campaign_questions(invitation.campaign), pk=question_id)
        # Refuse an oversized body before Django spools it to disk (multipart overhead allowed for).
        if int(request.META.get("CONTENT_LENGTH") or 0) > max_video_bytes() + 1024 * 1024:
            megabytes = max_video_bytes() // (1024 * 1024)
            return JsonResponse({"error": f"La vidéo dépasse la taille maximale de {megabytes} Mo."}, status=413)
        upload = request.FILES.get("video")
        if upload is None:
            return JsonResponse({"error": "Aucune vidéo reçue : recommencez l'envoi."}, status=400)
        try:
            attempt = int(request.POST.get("attempt", ""))
        except ValueError:
            return JsonResponse({"error": "Numéro de tentative invalide."}, status=400)
        duration = request.POST.get("duration")
        try:
            duration = float(duration) if duration else None
        except ValueError:
            duration = None
        try:
            answer, created = interview_answer_upload(invitation=invitation, question=question, attempt=attempt,
                                                      file=upload, duration_seconds=duration)
        except ValidationError as error:
            return JsonResponse({"error": " ".join(error.messages)}, status=_status_for(error))
        return JsonResponse({"ok": True, "answer": answer.pk, "attempt": answer.attempt, "created": created},
                            status=201 if created else 200)


class CompleteView(InvitationMixin, View):
    def post(self, request, token):
        invitation, refusal = self.load(request, token)
        if refusal:
            return JsonResponse({"error": refusal}, status=403)
        try:
            interview_complete(invitation=invitation)
        except ValidationError as error:
            return JsonResponse({"error": " ".join(error.messages)}, status=_status_for(error))
        return JsonResponse({"ok": True, "message": "Merci ! Vos réponses ont été transmises au recruteur."})
