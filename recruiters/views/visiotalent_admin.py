"""Visiotalent in the Wagtail admin: campaigns (Paramètres → Visiotalent), invitations, answers, videos.

Recruiters edit their company's campaigns and use the platform catalogue read-only; staff with the
campaign permission edit the catalogue. Every object comes from a scoped selector: another company's
campaign, application or video answers 404.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from portal.ops.private_files import protect_private_response

from ..selectors import active_company_for_request, campaigns_available_to_company
from ..visiotalent.forms import CampaignForm, InviteForm, QuestionFormSet, questions_from
from ..visiotalent.selectors import (
    answers_for,
    applications_invitable,
    campaign_questions,
    campaigns_editable,
    campaigns_visible,
    may_edit_catalogue,
)
from ..visiotalent.services import campaign_delete, campaign_save, interview_invite, interview_invite_bulk
from ..visiotalent.streaming import ranged_file_response
from .access import RecruiterRequiredMixin

DENIED = "Visiotalent est réservé aux recruteurs validés et à l'équipe de la plateforme."


class CampaignAccessMixin:
    """A recruiter of an active company (edits its campaigns) or catalogue staff (edits company=None)."""

    company = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url=reverse("recruiters:login"))
        self.company = active_company_for_request(request)
        if self.company is None and not may_edit_catalogue(request.user):
            raise PermissionDenied(DENIED)
        return super().dispatch(request, *args, **kwargs)


class VisiotalentAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "media"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Tableau de bord"},
            {"url": reverse("recruiters_admin:visiotalent"), "label": "Visiotalent"},
            {"url": "", "label": self.get_page_title()},
        ]


class CampaignListView(CampaignAccessMixin, VisiotalentAdminView):
    page_title = "Visiotalent"
    template_name = "recruiters/visiotalent/admin/campaign_list.html"

    def get_breadcrumbs_items(self):
        return [{"url": reverse("wagtailadmin_home"), "label": "Tableau de bord"}, {"url": "", "label": "Visiotalent"}]

    def get_context_data(self, **kwargs):
        campaigns = list(campaigns_visible(user=self.request.user))
        own_company_id = self.company.pk if self.company else None
        return super().get_context_data(
            company=self.company,
            own=[c for c in campaigns if c.company_id == own_company_id],
            catalogue=[c for c in campaigns if c.company_id is None and own_company_id is not None],
            editing_catalogue=self.company is None,
            **kwargs,
        )


class CampaignDetailView(CampaignAccessMixin, VisiotalentAdminView):
    template_name = "recruiters/visiotalent/admin/campaign_detail.html"

    def get_page_title(self):
        return self.campaign.name

    def get(self, request, pk):
        self.campaign = get_object_or_404(campaigns_visible(user=request.user), pk=pk)
        return super().get(request)

    def get_context_data(self, **kwargs):
        editable = campaigns_editable(user=self.request.user).filter(pk=self.campaign.pk).exists()
        return super().get_context_data(
            campaign=self.campaign, questions=campaign_questions(self.campaign), editable=editable, **kwargs
        )


class CampaignEditView(CampaignAccessMixin, VisiotalentAdminView):
    template_name = "recruiters/visiotalent/admin/campaign_form.html"
    campaign = None

    def get_page_title(self):
        return f"Modifier « {self.campaign.name} »" if self.campaign else "Nouvelle campagne"

    def _load(self, pk):
        if pk is not None:
            self.campaign = get_object_or_404(campaigns_editable(user=self.request.user), pk=pk)

    def get(self, request, pk=None):
        self._load(pk)
        form = CampaignForm(instance=self.campaign)
        initial = [
            {"id": q.pk, "text": q.text, "preparation_seconds": q.preparation_seconds,
             "max_answer_seconds": q.max_answer_seconds}
            for q in (campaign_questions(self.campaign) if self.campaign else [])
        ]
        return self.render_to_response(self.get_context_data(form=form, formset=QuestionFormSet(initial=initial,
                                                                                                prefix="q")))

    def post(self, request, pk=None):
        self._load(pk)
        form = CampaignForm(request.POST, instance=self.campaign)
        formset = QuestionFormSet(request.POST, prefix="q")
        if form.is_valid() and formset.is_valid():
            try:
                campaign = campaign_save(campaign=form.instance, company=self.company, user=request.user,
                                         questions=questions_from(formset))
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.message_dict.items():
                        target = field if field in form.fields else None
                        for message in errors:
                            form.add_error(target, message)
                else:
                    for message in error.messages:
                        form.add_error(None, message)
            else:
                messages.success(request, f"La campagne « {campaign.name} » est enregistrée.")
                return redirect("recruiters_admin:visiotalent_campaign", pk=campaign.pk)
        return self.render_to_response(self.get_context_data(form=form, formset=formset), status=400)

    def get_context_data(self, **kwargs):
        return super().get_context_data(campaign=self.campaign, **kwargs)


class CampaignDeleteView(CampaignAccessMixin, View):
    def post(self, request, pk):
        campaign = get_object_or_404(campaigns_editable(user=request.user), pk=pk)
        try:
            campaign_delete(campaign=campaign, company=self.company)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("recruiters_admin:visiotalent_campaign", pk=pk)
        messages.success(request, f"La campagne « {campaign.name} » est supprimée.")
        return redirect("recruiters_admin:visiotalent")


class ApplicationInterviewsView(RecruiterRequiredMixin, VisiotalentAdminView):
    """An application's video interviews: invite to a campaign, watch the answers."""

    template_name = "recruiters/visiotalent/admin/application.html"

    def get_page_title(self):
        user = self.application.candidate.user
        return f"Entretien vidéo : {user.get_full_name() or user.email}"

    def _load(self, pk):
        self.application = get_object_or_404(
            applications_invitable(user=self.request.user).select_related("candidate__user", "offer"), pk=pk
        )
        self.campaigns = campaigns_available_to_company(self.company)

    def get(self, request, pk):
        self._load(pk)
        return self.render_to_response(self.get_context_data(form=InviteForm(campaigns=self.campaigns)))

    def post(self, request, pk):
        self._load(pk)
        form = InviteForm(request.POST, campaigns=self.campaigns)
        if form.is_valid():
            try:
                interview_invite(application=self.application, campaign=form.cleaned_data["campaign"],
                                 invited_by=request.user)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, "L'invitation à l'entretien vidéo est envoyée au candidat.")
                return redirect("recruiters_admin:visiotalent_application", pk=pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        return super().get_context_data(application=self.application, **kwargs)


class AnswerVideoView(RecruiterRequiredMixin, View):
    """Streams one recorded answer to the recruiters of the application's company (Range supported)."""

    http_method_names = ["get", "head"]

    def get(self, request, pk):
        answer = get_object_or_404(answers_for(user=request.user), pk=pk)
        if not answer.video.name or not answer.video.storage.exists(answer.video.name):
            raise Http404("Vidéo introuvable.")
        content_type = answer.mime_type or "application/octet-stream"
        response = ranged_file_response(request, storage=answer.video.storage, name=answer.video.name,
                                        content_type=content_type)
        return protect_private_response(response, content_type=content_type, inline=True)

    head = get



class BulkInviteView(RecruiterRequiredMixin, View):
    """POST ``campaign`` + ``applications`` (ids, repeated) from "Mes candidatures"; back to ``next``.

    Applications of other companies are out of the selector, so they are never invited.
    """

    def post(self, request):
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("recruiters_admin:applications")
        form = InviteForm(request.POST, campaigns=campaigns_available_to_company(self.company))
        # "select" is the name of the row checkboxes of the "Mes candidatures" table.
        posted_ids = request.POST.getlist("applications") or request.POST.getlist("select")
        ids = [value for value in posted_ids if value.isdigit()]
        if not form.is_valid():
            messages.error(request, "Choisissez une campagne Visiotalent de votre entreprise ou du catalogue.")
            return redirect(back)
        applications = list(applications_invitable(user=request.user).filter(pk__in=ids)
                            .select_related("candidate__user", "offer", "company"))
        if not applications:
            messages.error(request, "Sélectionnez au moins une candidature.")
            return redirect(back)
        created, refused = interview_invite_bulk(applications=applications, campaign=form.cleaned_data["campaign"],
                                                 invited_by=request.user)
        skipped = len(applications) - len(created) - len(refused)
        sent = len(created)
        summary = f"{sent} invitation envoyée" if sent < 2 else f"{sent} invitations envoyées"
        if sent == 0:
            summary = "Aucune invitation envoyée"
        if skipped:
            summary += f", {skipped} candidat déjà invité" if skipped == 1 else f", {skipped} candidats déjà invités"
        messages.success(request, summary + ".")
        for message in refused:
            messages.error(request, message)
        return redirect(back)
