"""Recruiter space (Wagtail admin): "Mes offres", "Mes candidatures", "Offres augmentées" (issue 6).

Every object is fetched through a selector scoped to the recruiter's company: another company's object
is a 404. Writes go through ``recruiters.services_offers``.
"""

from __future__ import annotations

import tablib
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django_tables2 import RequestConfig

from portal.ops.private_files import content_type_for, private_file_response

from ..choices import ApplicationStatus, EmailTemplateKind, NotificationFrequency
from ..filters import ApplicationFilter, OfferFilter
from ..forms_offers import (
    AugmentedImageFormSet,
    AugmentedRuleForm,
    BulkStatusForm,
    CandidateEmailForm,
    CommentForm,
    EmailPrepareForm,
    EmailTemplateForm,
    JobOfferForm,
    NotificationForm,
    OfferLanguageFormSet,
    StatusForm,
)
from ..models import AugmentedOfferRule, JobOffer, RecruiterNotificationSettings
from ..selectors import (
    applications_for,
    augmented_rules_for,
    campaigns_available,
    campaigns_available_to_company,
    offers_for,
    offers_matching_rule,
    offers_with_counts,
)
from ..services_offers import (
    AugmentedImageRow,
    application_comment_add,
    application_email_send,
    application_mark_seen,
    application_status_set,
    augmented_rule_delete,
    augmented_rule_save,
    email_template_for,
    email_template_save,
    job_offer_close,
    job_offer_create,
    job_offer_duplicate,
    job_offer_publish,
    job_offer_reopen,
    job_offer_update,
    notification_settings_set,
    render_email_template,
)
from ..tables import ApplicationTable, OfferTable
from ..visiotalent.forms import InviteForm
from .access import RecruiterRequiredMixin
from .admin import RecruiterAdminView

PAGE_SIZE = 25


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- Offers -----------------------------------------------------------------------------------------------


class OfferListView(RecruiterAdminView):
    template_name = "recruiters/admin/offers/list.html"
    page_title = "Toutes mes offres"
    header_icon = "doc-full"

    def get(self, request, *args, **kwargs):
        queryset = offers_with_counts(user=request.user).order_by("-created_at", "-pk")
        self.filterset = OfferFilter(request.GET or None, queryset=queryset)
        self.table = OfferTable(self.filterset.qs)
        export = request.GET.get("export")
        if export in {"csv", "xlsx"}:
            return self.export(export)
        RequestConfig(request, paginate={"per_page": PAGE_SIZE}).configure(self.table)
        return super().get(request, *args, **kwargs)

    def export(self, file_format):
        data = tablib.Dataset(headers=["Référence", "Offre", "Statut", "Contrat", "Lieu", "Créée le", "Expire le",
                                       "Nouvelles candidatures", "Candidatures"])
        for offer in self.filterset.qs:
            data.append([
                offer.reference, offer.title, offer.get_status_display(), offer.get_contract_type_display(),
                offer.commune.name if offer.commune_id else "", offer.created_at.strftime("%d/%m/%Y"),
                offer.expires_at.strftime("%d/%m/%Y") if offer.expires_at else "",
                offer.applications_new, offer.applications_total,
            ])
        content_type = "text/csv; charset=utf-8" if file_format == "csv" else (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response = HttpResponse(data.export(file_format), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="mes-offres.{file_format}"'
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(table=self.table, filter=self.filterset, **kwargs)


class OfferFormView(RecruiterAdminView):
    template_name = "recruiters/admin/offers/form.html"
    header_icon = "doc-full"

    def get_page_title(self):
        return "Modifier l'offre" if self.kwargs.get("pk") else "Nouvelle offre"

    def get_offer(self):
        if self.kwargs.get("pk"):
            return get_object_or_404(offers_for(user=self.request.user), pk=self.kwargs["pk"])
        return None

    def forms(self, data=None):
        offer = self.get_offer()
        form = JobOfferForm(data, instance=offer, campaigns=campaigns_available(user=self.request.user))
        languages = OfferLanguageFormSet(data, instance=offer or JobOffer(), prefix="languages")
        return offer, form, languages

    def get(self, request, *args, **kwargs):
        self.offer, self.form, self.languages = self.forms()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.offer, self.form, self.languages = self.forms(request.POST)
        if self.form.is_valid() and self.languages.is_valid():
            rows = [
                {"language": f.cleaned_data["language"], "level": f.cleaned_data["level"]}
                for f in self.languages.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("language")
            ]
            data = {k: v for k, v in self.form.cleaned_data.items() if k != "sectors"}
            try:
                if self.offer is None:
                    offer = job_offer_create(company=self.company, user=request.user, data=data,
                                             sectors=self.form.cleaned_data["sectors"], languages=rows)
                else:
                    offer = job_offer_update(offer=self.offer, data=data, sectors=self.form.cleaned_data["sectors"],
                                             languages=rows)
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errs in error.message_dict.items():
                        self.form.add_error(field if field in self.form.fields else None, errs)
                else:
                    self.form.add_error(None, error)
            else:
                if request.POST.get("action") == "publish" and offer.status == "draft":
                    try:
                        offer = job_offer_publish(offer=offer)
                        messages.success(request, f"L'offre « {offer.title} » est publiée.")
                    except ValidationError as error:
                        _errors(request, error)
                        return redirect("recruiters_admin:offer_edit", pk=offer.pk)
                else:
                    messages.success(request, f"L'offre « {offer.title} » est enregistrée.")
                return redirect("recruiters_admin:offer_edit", pk=offer.pk)
        messages.error(request, "L'offre n'a pas été enregistrée : corrigez les champs signalés.")
        response = self.get_context_data()
        return self.render_to_response(response, status=400)

    def render_to_response(self, context, status=200, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response.status_code = status
        return response

    def get_context_data(self, **kwargs):
        offer = self.offer
        return super().get_context_data(
            form=self.form, languages=self.languages, offer=offer,
            missing=offer.missing_items() if offer else None,
            completeness=offer.completeness() if offer else 0, **kwargs,
        )


class OfferActionView(RecruiterRequiredMixin, View):
    ACTIONS = {
        "publier": (job_offer_publish, "L'offre « {} » est publiée."),
        "cloturer": (job_offer_close, "L'offre « {} » est clôturée."),
        "rouvrir": (job_offer_reopen, "L'offre « {} » est de nouveau publiée."),
    }

    def post(self, request, pk, action):
        offer = get_object_or_404(offers_for(user=request.user), pk=pk)
        if action == "dupliquer":
            copy = job_offer_duplicate(offer=offer, user=request.user)
            messages.success(request, "L'offre est dupliquée : la copie est un brouillon à relire avant publication.")
            return redirect("recruiters_admin:offer_edit", pk=copy.pk)
        if action not in self.ACTIONS:
            raise Http404
        service, message = self.ACTIONS[action]
        try:
            offer = service(offer=offer)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, message.format(offer.title))
        return redirect(request.POST.get("next") if request.POST.get("next") == reverse("recruiters_admin:offers")
                        else reverse("recruiters_admin:offer_edit", args=[offer.pk]))


# --- Applications -----------------------------------------------------------------------------------------


class ApplicationListView(RecruiterAdminView):
    template_name = "recruiters/admin/applications/list.html"
    page_title = "Mes candidatures"
    header_icon = "clipboard-list"

    def build(self, request):
        self.filterset = ApplicationFilter(
            request.GET or None, queryset=applications_for(user=request.user),
            offers=offers_for(user=request.user).order_by("title"),
        )
        self.table = ApplicationTable(self.filterset.qs)
        RequestConfig(request, paginate={"per_page": PAGE_SIZE}).configure(self.table)

    def get(self, request, *args, **kwargs):
        self.build(request)
        self.bulk_form = BulkStatusForm()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.bulk_form = BulkStatusForm(request.POST, applications=applications_for(user=request.user))
        if self.bulk_form.is_valid():
            selected = list(self.bulk_form.cleaned_data["select"])
            count = application_status_set(applications=selected, status=self.bulk_form.cleaned_data["status"],
                                           user=request.user)
            label = ApplicationStatus(self.bulk_form.cleaned_data["status"]).label
            if count:
                messages.success(request, f"{count} candidature{'s' if count > 1 else ''} passée{'s' if count > 1 else ''} "
                                          f"au statut « {label} ».")
            else:
                messages.info(request, f"Les candidatures cochées étaient déjà au statut « {label} ».")
            return redirect(request.get_full_path())
        self.build(request)
        messages.error(request, "Le statut n'a pas été changé : corrigez ce qui est signalé.")
        response = super().get(request, *args, **kwargs)
        response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        invite_form = InviteForm(campaigns=campaigns_available_to_company(self.company))
        return super().get_context_data(
            table=self.table, filter=self.filterset, bulk_form=self.bulk_form, invite_form=invite_form, **kwargs
        )


class ApplicationDetailView(RecruiterAdminView):
    template_name = "recruiters/admin/applications/detail.html"
    page_title = "Candidature"
    header_icon = "clipboard-list"

    def get_application(self):
        return get_object_or_404(
            applications_for(user=self.request.user).prefetch_related(
                "comments__author", "events__actor", "interview_invitations__answers__question"
            ),
            pk=self.kwargs["pk"],
        )

    def get(self, request, *args, **kwargs):
        self.application = self.get_application()
        application_mark_seen(application=self.application, user=request.user)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.application = self.get_application()
        action = request.POST.get("action")
        if action == "status":
            form = StatusForm(request.POST, current=self.application.status)
            if form.is_valid():
                application_status_set(applications=[self.application], status=form.cleaned_data["status"],
                                       user=request.user)
                messages.success(request, f"Statut mis à jour : {self.application.get_status_display()}.")
        elif action == "comment":
            form = CommentForm(request.POST)
            if form.is_valid():
                application_comment_add(application=self.application, user=request.user,
                                        text=form.cleaned_data["text"])
                messages.success(request, "Commentaire ajouté.")
        elif action == "email":
            form = CandidateEmailForm(request.POST)
            if form.is_valid():
                try:
                    application_email_send(application=self.application, user=request.user,
                                           subject=form.cleaned_data["subject"], body=form.cleaned_data["body"])
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, f"E-mail envoyé à {self.application.candidate.user.email}.")
        else:
            messages.error(request, "Action inconnue : rechargez la page.")
            return redirect("recruiters_admin:application_detail", pk=self.application.pk)
        if form.is_valid():
            return redirect("recruiters_admin:application_detail", pk=self.application.pk)
        self.bound_forms = {action: form}
        messages.error(request, "Rien n'a été enregistré : corrigez ce qui est signalé.")
        response = self.render_to_response(self.get_context_data())
        response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        application = self.application
        bound = getattr(self, "bound_forms", {})
        templates = {kind: email_template_for(company=self.company, kind=kind) for kind in EmailTemplateKind.values}
        prepare_form = EmailPrepareForm(self.request.GET if "modele" in self.request.GET else None,
                                        templates=templates, initial={"modele": EmailTemplateKind.INTERVIEW})
        kind = EmailTemplateKind.INTERVIEW
        reason = ""
        if prepare_form.is_bound:
            prepare_form.is_valid()
            kind = prepare_form.cleaned_data.get("modele") or kind
            reason = prepare_form.cleaned_data.get("motif", "")
        if "email" in bound:
            email_form = bound["email"]
        else:
            subject, body = render_email_template(templates[kind], application, self.request.user, reason=reason)
            email_form = CandidateEmailForm(initial={"subject": subject, "body": body})
        return super().get_context_data(
            application=application,
            candidate=application.candidate,
            status_form=bound.get("status") or StatusForm(initial={"status": application.status}),
            comment_form=bound.get("comment") or CommentForm(),
            email_form=email_form,
            prepare_form=prepare_form,
            is_pdf=application.cv_file.name.endswith(".pdf"),
            **kwargs,
        )


@method_decorator(xframe_options_sameorigin, name="dispatch")
class ApplicationCvView(RecruiterRequiredMixin, View):
    """The CV snapshot of an application, for the recruiters of its company only (framed by the detail page)."""

    def get(self, request, pk):
        application = get_object_or_404(applications_for(user=request.user), pk=pk)
        if not application.cv_file:
            raise Http404("Pas de CV.")
        content_type = content_type_for(application.cv_file.name)
        name = application.cv_original_name or application.cv_file.name.rsplit("/", 1)[-1]
        return private_file_response(request, application.cv_file.open("rb"), filename=name,
                                     content_type=content_type)


class SettingsView(RecruiterAdminView):
    """Notification preference and e-mail templates."""

    template_name = "recruiters/admin/applications/settings.html"
    page_title = "Candidatures : notifications et modèles d'e-mail"
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        recruiter = self.request.user.recruiter
        bound = getattr(self, "bound_forms", {})
        row = RecruiterNotificationSettings.objects.filter(recruiter=recruiter).first()
        notification_form = bound.get("notifications") or NotificationForm(
            initial={"application_frequency": row.application_frequency if row else NotificationFrequency.IMMEDIATE}
        )
        template_forms = [
            bound.get(kind) or EmailTemplateForm(instance=email_template_for(company=self.company, kind=kind),
                                                 prefix=kind)
            for kind in EmailTemplateKind.values
        ]
        return super().get_context_data(notification_form=notification_form, template_forms=template_forms,
                                        **kwargs)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "notifications":
            form = NotificationForm(request.POST)
            if form.is_valid():
                notification_settings_set(recruiter=request.user.recruiter,
                                          frequency=form.cleaned_data["application_frequency"])
                messages.success(request, "Préférence de notification enregistrée.")
        elif action in EmailTemplateKind.values:
            template = email_template_for(company=self.company, kind=action)
            form = EmailTemplateForm(request.POST, instance=template, prefix=action)
            if form.is_valid():
                email_template_save(company=self.company, kind=action, subject=form.cleaned_data["subject"],
                                    body=form.cleaned_data["body"])
                messages.success(request, f"Modèle « {template.get_kind_display()} » enregistré.")
        else:
            messages.error(request, "Réglage inconnu : rechargez la page.")
            return redirect("recruiters_admin:application_settings")
        if form.is_valid():
            return redirect("recruiters_admin:application_settings")
        self.bound_forms = {action: form}
        messages.error(request, "Rien n'a été enregistré : corrigez ce qui est signalé.")
        response = self.render_to_response(self.get_context_data())
        response.status_code = 400
        return response


# --- Augmented offers -------------------------------------------------------------------------------------


class AugmentedRuleListView(RecruiterAdminView):
    template_name = "recruiters/admin/augmented/list.html"
    page_title = "Mes offres augmentées"
    header_icon = "doc-full-inverse"

    def get_context_data(self, **kwargs):
        rules = list(augmented_rules_for(user=self.request.user).prefetch_related("communes", "offers"))
        return super().get_context_data(rows=[(rule, offers_matching_rule(rule)) for rule in rules], **kwargs)


class AugmentedRuleFormView(RecruiterAdminView):
    template_name = "recruiters/admin/augmented/form.html"
    header_icon = "doc-full-inverse"

    def get_page_title(self):
        return "Modifier l'offre augmentée" if self.kwargs.get("pk") else "Nouvelle offre augmentée"

    def build(self, data=None, files=None):
        rule = None
        if self.kwargs.get("pk"):
            rule = get_object_or_404(augmented_rules_for(user=self.request.user), pk=self.kwargs["pk"])
        self.rule = rule
        self.form = AugmentedRuleForm(data, instance=rule or AugmentedOfferRule(company=self.company),
                                      offers=offers_for(user=self.request.user).order_by("-created_at"))
        self.images = AugmentedImageFormSet(data, files, instance=rule or AugmentedOfferRule(), prefix="images")

    def get(self, request, *args, **kwargs):
        self.build()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.build(request.POST, request.FILES)
        if request.POST.get("action") == "delete" and self.rule is not None:
            name = self.rule.name
            augmented_rule_delete(rule=self.rule)
            messages.success(request, f"Offre augmentée « {name} » supprimée.")
            return redirect("recruiters_admin:augmented_offers")
        if self.form.is_valid() and self.images.is_valid():
            rule = self.form.save(commit=False)
            rule.company = self.company
            rule.video_url = self.form.cleaned_data["video_url"]
            rows = [
                AugmentedImageRow(
                    existing=image_form.instance if image_form.instance.pk else None,
                    upload=image_form.cleaned_data.get("upload"),
                    caption=image_form.cleaned_data.get("caption", ""),
                    delete=bool(image_form.cleaned_data.get("DELETE")),
                )
                for image_form in self.images.forms
                if image_form.cleaned_data
            ]
            try:
                rule = augmented_rule_save(rule=rule, user=request.user, offers=self.form.cleaned_data["offers"],
                                           communes=self.form.cleaned_data["commune_codes"], images=rows)
            except ValidationError as error:
                errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
                self.image_errors = errors.pop("images", [])
                for field, errs in errors.items():
                    self.form.add_error(field if field in self.form.fields else None, errs)
            else:
                messages.success(request, f"Offre augmentée « {rule.name} » enregistrée.")
                return redirect("recruiters_admin:augmented_edit", pk=rule.pk)
        messages.error(request, "L'offre augmentée n'a pas été enregistrée : corrigez les champs signalés.")
        if request.FILES:
            messages.warning(request, "Les images choisies n'ont pas été gardées : choisissez-les à nouveau.")
        context = self.get_context_data()
        response = self.render_to_response(context)
        response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        matching = offers_matching_rule(self.rule) if self.rule else None
        return super().get_context_data(form=self.form, images=self.images, rule=self.rule, matching=matching,
                                        image_errors=getattr(self, "image_errors", []), **kwargs)

