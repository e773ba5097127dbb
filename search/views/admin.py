"""The CVthèque in the recruiter space (Wagtail admin): search, profile, CV, folders, saved searches.

Every view goes through `RecruiterRequiredMixin` (validated recruiters of active companies only) and
reads its objects from `search.selectors`, scoped to the recruiter's company: another company's
comment, folder or saved search is a 404. Writes go through `search.services`.
"""

from __future__ import annotations

import os
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from portal.candidates.models import private_storage
from portal.ops.private_files import private_file_response
from portal.reference.choices import ContractType, DiplomaLevel, WorkingTime
from portal.reference.forms import CommunePickerWidget, TypedText
from portal.reference.models import Department
from portal.reference.querydicts import querydict_without_control_characters
from recruiters.views.access import RecruiterRequiredMixin

from .. import selectors, services
from ..backends.base import SearchUnavailable
from ..choices import DEFAULT_RADIUS_KM, MAX_RADIUS_KM, PER_PAGE_CHOICES, AccessKind, AlertFrequency, Sort
from ..criteria import criteria_from_json, criteria_from_params, place_labels
from ..forms import (
    CommentForm,
    ContactForm,
    FolderForm,
    RetainForm,
    SavedSearchForm,
    SaveSearchForm,
    StatusForm,
    add_service_errors,
)
from ..query import MODE_LABELS, Mode, parse_query

CV_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}


class CvthequeView(RecruiterRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Tableau de bord"},
            {"url": reverse("search_admin:search"), "label": "CVthèque"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(company=self.company, **kwargs)


def _back_to_search(request) -> str:
    """The results page the recruiter came from (kept through the profile page), or the search."""
    back = request.GET.get("retour") or request.POST.get("retour") or ""
    if back.startswith("?") and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return reverse("search_admin:search") + back
    return reverse("search_admin:search")


# --- Search --------------------------------------------------------------------------------------------------


class SearchView(CvthequeView):
    template_name = "search/cvtheque/search.html"
    page_title = "Recherche mots-clés"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Tableau de bord"},
            {"url": "", "label": "CVthèque – Recherche mots-clés"},
        ]

    def get(self, request, *args, **kwargs):
        return self.render_search(criteria_from_params(request.GET))

    def render_search(self, criteria, *, save_form=None):
        """The results page of `criteria`; `save_form`: the "save this search" form sent back with its errors."""
        page, status = None, 400 if criteria.errors else 200
        if not criteria.errors:
            try:
                page = selectors.cvtheque_search(user=self.request.user, criteria=criteria)
            except SearchUnavailable as error:
                criteria.errors.append(str(error))
                status = 503
        if save_form is not None:
            status = 400
        context = self.get_context_data(criteria=criteria, page=page, today=timezone.localdate(),
                                        **self.form_context(criteria, page, save_form))
        return self.render_to_response(context, status=status)

    def form_context(self, criteria, page=None, save_form=None) -> dict:
        labels = place_labels(criteria)
        picker = CommunePickerWidget()

        def row(i, value, radius):
            errors = criteria.errors_for(f"lieu-{i}")
            radius_errors = criteria.errors_for(f"rayon-{i}")
            attrs = {"id": f"lieu-{i}", "aria-label": "Commune"}
            if errors:
                attrs.update({"aria-invalid": "true", "aria-describedby": f"lieu-{i}-error"})
            shown = radius if radius is not None and 0 <= radius <= MAX_RADIUS_KM else DEFAULT_RADIUS_KM
            return {"picker": picker.render("commune", value, attrs=attrs), "radius": shown, "index": i,
                    "errors": errors, "radius_errors": radius_errors}

        place_rows = [row(i, place.code or TypedText(place.text), place.radius_km)
                      for i, place in enumerate(criteria.place_rows)]
        if not place_rows:
            place_rows = [row(0, None, DEFAULT_RADIUS_KM)]
        department_rows = [{"code": code, "index": i, "errors": criteria.errors_for(f"departement-{i}")}
                           for i, code in enumerate(criteria.department_rows)]
        department_rows.append({"code": "", "index": len(department_rows), "errors": []})
        folders = selectors.folders_for(user=self.request.user)
        if save_form is None:
            save_form = SaveSearchForm(folders=folders, searches=selectors.editable_saved_searches(user=self.request.user),
                                       initial={"criteria": criteria.querystring(page=1),
                                                "alert_frequency": AlertFrequency.NONE})
        # The box's repairs (a quote closed, a lone sign ignored) are said next to it, searched or not.
        query_notes = page.warnings if page is not None else parse_query(criteria.q, mode=criteria.mode).warnings
        return {
            "place_rows": place_rows,
            "department_rows": department_rows,
            "place_template": picker.render("commune", None, attrs={"id": "lieu-__n__", "aria-label": "Commune"}),
            "default_radius": DEFAULT_RADIUS_KM,
            "picker_media": picker.media,
            "place_labels": labels,
            "places_errors": criteria.errors_for("lieux"),
            "query_notes": query_notes if criteria.q.strip() else [],
            "departments": Department.objects.order_by("code"),
            "modes": [(str(mode), label) for mode, label in MODE_LABELS.items()],
            "sorts": [(sort.value, sort.label, criteria.querystring(sort=sort.value, page=1)) for sort in Sort],
            "per_pages": [(size, criteria.querystring(per_page=size, page=1)) for size in PER_PAGE_CHOICES],
            "save_form": save_form,
            "back": "?" + criteria.querystring(),
            "active_mode": str(criteria.mode) if criteria.mode else str(Mode.ALL),
        }


class SaveSearchView(SearchView):
    """Save the current criteria into a folder (existing or new), with an optional alert; what is
    wrong is said next to its field on the results page, the criteria kept."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        folders = list(selectors.folders_for(user=request.user))
        searches = list(selectors.editable_saved_searches(user=request.user))
        form = SaveSearchForm(request.POST, folders=folders, searches=searches)
        # The search's own query string, posted back: its values were never GET parameters, so they
        # are cleaned here as the middleware cleans those.
        posted = QueryDict(request.POST.get("criteria", "")[:4000])
        criteria = criteria_from_params(querydict_without_control_characters(posted))
        if form.is_valid():
            replaced = next((s for s in searches if s.pk == form.cleaned_data.get("replace")), None)
            try:
                if replaced is not None:
                    services.saved_search_update(
                        user=request.user, saved_search=replaced, name=form.cleaned_data["name"],
                        alert_frequency=form.cleaned_data["alert_frequency"], criteria=criteria,
                    )
                    messages.success(request, f"Critères de la recherche « {replaced.name} » mis à jour.")
                    return redirect(reverse("search_admin:folder", args=[replaced.folder_id]))
                with transaction.atomic():
                    folder = self._folder(form, folders)
                    saved = services.saved_search_create(
                        user=request.user, folder=folder, name=form.cleaned_data["name"], criteria=criteria,
                        alert_frequency=form.cleaned_data["alert_frequency"],
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Recherche « {saved.name} » enregistrée dans le dossier « {folder.name} ».")
                return redirect(reverse("search_admin:folder", args=[folder.pk]))
        return self.render_search(criteria, save_form=form)

    def _folder(self, form, folders):
        if form.cleaned_data.get("folder"):
            for folder in folders:
                if folder.pk == form.cleaned_data["folder"]:
                    return folder
            raise Http404
        return services.folder_create(user=self.request.user, name=form.cleaned_data["new_folder"])


# --- Profile -------------------------------------------------------------------------------------------------


class ProfileView(CvthequeView):
    template_name = "search/cvtheque/profile.html"

    def get_page_title(self):
        return self.profile.user.get_full_name() or "Profil"

    def load(self, pk):
        self.profile = selectors.profile_for_page(user=self.request.user, pk=pk)
        if self.profile is None:
            raise Http404("Ce profil n'est pas (ou plus) dans la CVthèque.")
        self.folders = list(selectors.folders_for(user=self.request.user))

    def get(self, request, pk, *args, **kwargs):
        self.load(pk)
        services.profile_access_record(user=request.user, profile=self.profile, kind=AccessKind.PROFILE)
        return self.render_to_response(self.get_context_data())

    def post(self, request, pk, *args, **kwargs):
        self.load(pk)
        action = request.POST.get("action", "")
        handler = {
            "comment": self.add_comment,
            "delete_comment": self.delete_comment,
            "status": self.set_status,
            "retain": self.retain,
            "contact": self.contact,
        }.get(action)
        if handler is None:
            messages.error(request, "Action inconnue.")
            return self.render_to_response(self.get_context_data(), status=400)
        return handler()

    def _done(self, message: str):
        messages.success(self.request, message)
        url = reverse("search_admin:profile", args=[self.profile.pk])
        back = self.request.POST.get("retour", "")
        return redirect(url + ("?" + urlencode({"retour": back}) if back else ""))

    def _invalid(self, **forms):
        return self.render_to_response(self.get_context_data(**forms), status=400)

    def add_comment(self):
        form = CommentForm(self.request.POST)
        if form.is_valid():
            try:
                services.comment_add(user=self.request.user, profile=self.profile, text=form.cleaned_data["text"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return self._done("Commentaire ajouté.")
        return self._invalid(comment_form=form)

    def delete_comment(self):
        comment = get_object_or_404(
            selectors.comments_for(user=self.request.user), pk=self.request.POST.get("comment") or 0,
            profile=self.profile,
        )
        try:
            services.comment_delete(user=self.request.user, comment=comment)
        except PermissionDenied as error:
            messages.error(self.request, str(error))
            return self.render_to_response(self.get_context_data(), status=403)
        return self._done("Commentaire supprimé.")

    def set_status(self):
        form = StatusForm(self.request.POST)
        if form.is_valid():
            status = services.profile_status_set(user=self.request.user, profile=self.profile,
                                                 status=form.cleaned_data["status"])
            return self._done(f"Statut : {status.get_status_display()}.")
        return self._invalid(status_form=form)

    def retain(self):
        form = RetainForm(self.request.POST, folders=self.folders)
        if form.is_valid():
            try:
                folder = next((f for f in self.folders if f.pk == form.cleaned_data["folder"]), None)
                if folder is None:
                    folder = services.folder_create(user=self.request.user, name=form.cleaned_data["new_folder"])
                services.folder_add_profile(user=self.request.user, folder=folder, profile=self.profile)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return self._done(f"Profil retenu dans le dossier « {folder.name} ».")
        return self._invalid(retain_form=form)

    def contact(self):
        form = ContactForm(self.request.POST)
        if form.is_valid():
            try:
                services.contact_send(user=self.request.user, profile=self.profile, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return self._done("Message envoyé au candidat. Sa réponse vous parviendra par courriel.")
        return self._invalid(contact_form=form)

    def get_context_data(self, **kwargs):
        profile = self.profile
        user = self.request.user
        company = self.company
        status = selectors.profile_status(company=company, profile=profile)
        cv_format = _cv_format(profile)
        kwargs.setdefault("comment_form", CommentForm())
        kwargs.setdefault("status_form", StatusForm(initial={"status": status.status if status else None}))
        kwargs.setdefault("retain_form", RetainForm(folders=self.folders))
        kwargs.setdefault(
            "contact_form",
            ContactForm(initial={"subject": f"{company.name} : votre profil nous intéresse"}),
        )
        return super().get_context_data(
            profile=profile,
            status=status,
            comments=selectors.comments_for(user=user).filter(profile=profile),
            in_folders=selectors.profile_folders(user=user, profile=profile),
            history=selectors.profile_history(company=company, profile=profile),
            cv_format=cv_format,
            years=profile.years_of_experience(),
            diploma=profile.highest_diploma_level(),
            diploma_choices=DiplomaLevel.choices,
            contract_labels=[ContractType(c).label for c in profile.contract_types if c in ContractType.values],
            working_time_labels=[WorkingTime(w).label for w in profile.working_time if w in WorkingTime.values],
            today=timezone.localdate(),
            back=_back_to_search(self.request),
            retour=self.request.GET.get("retour") or self.request.POST.get("retour") or "",
            **kwargs,
        )


def _cv_format(profile) -> str:
    if not profile.cv_file:
        return ""
    return os.path.splitext(profile.cv_file.name)[1].lstrip(".").lower()


class CvFileView(RecruiterRequiredMixin, View):
    """The CV file, inline (PDF viewer) or as a download; each access is logged."""

    download = False

    def get(self, request, pk, *args, **kwargs):
        profile = selectors.profile_for_page(user=request.user, pk=pk)
        if profile is None or not profile.cv_file:
            raise Http404("Ce CV n'est pas disponible.")
        cv_format = _cv_format(profile)
        if not self.download and cv_format != "pdf":
            raise Http404("Seuls les CV au format PDF s'affichent dans la page ; téléchargez les autres.")
        try:
            handle = private_storage().open(profile.cv_file.name, "rb")
        except FileNotFoundError as exc:
            raise Http404("Le fichier de ce CV est introuvable.") from exc
        services.profile_access_record(
            user=request.user, profile=profile, kind=AccessKind.CV_DOWNLOAD if self.download else AccessKind.CV_VIEW
        )
        name = profile.cv_original_name or f"cv.{cv_format}"
        return private_file_response(request, handle, filename=name, download=self.download,
                                     content_type=CV_CONTENT_TYPES.get(cv_format, "application/octet-stream"))


# --- Folders and saved searches -------------------------------------------------------------------------------


class FolderListView(CvthequeView):
    template_name = "search/cvtheque/folders.html"
    page_title = "Recherches enregistrées et dossiers"
    header_icon = "folder-open-inverse"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Tableau de bord"},
            {"url": reverse("search_admin:search"), "label": "CVthèque"},
            {"url": "", "label": "Recherches enregistrées et dossiers"},
        ]

    def get_context_data(self, **kwargs):
        kwargs.setdefault("folder_form", FolderForm())
        user = self.request.user
        return super().get_context_data(
            folders=selectors.folder_list(user=user),
            searches=selectors.saved_searches_for(user=user).order_by("folder__name", "name"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = FolderForm(request.POST)
        if form.is_valid():
            try:
                folder = services.folder_create(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Dossier « {folder.name} » créé.")
                return redirect("search_admin:folder", folder.pk)
        return self.render_to_response(self.get_context_data(folder_form=form), status=400)


class FolderView(CvthequeView):
    template_name = "search/cvtheque/folder.html"
    header_icon = "folder-open-inverse"

    def get_page_title(self):
        return f"Dossier « {self.folder.name} »"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Tableau de bord"},
            {"url": reverse("search_admin:folders"), "label": "Recherches enregistrées"},
            {"url": "", "label": self.folder.name},
        ]

    def load(self, pk):
        self.folder = get_object_or_404(selectors.folders_for(user=self.request.user), pk=pk)
        self.is_owner = self.folder.owner_id == self.request.user.pk

    def get(self, request, pk, *args, **kwargs):
        self.load(pk)
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        folder = self.folder
        kwargs.setdefault("folder_form", FolderForm(initial={"name": folder.name, "shared": folder.shared}))
        searches = list(folder.searches.select_related("created_by").order_by("name", "pk"))
        for search in searches:
            search.querystring = criteria_from_json(search.criteria).querystring(page=1)
            search.form = kwargs.pop(f"search_form_{search.pk}", None) or SavedSearchForm(
                prefix=f"s{search.pk}", initial={"name": search.name, "alert_frequency": search.alert_frequency}
            )
        return super().get_context_data(
            folder=folder,
            is_owner=self.is_owner,
            entries=selectors.folder_entries(folder=folder),
            searches=searches,
            **kwargs,
        )

    def post(self, request, pk, *args, **kwargs):
        self.load(pk)
        action = request.POST.get("action", "")
        try:
            if action == "update":
                return self.update()
            if action == "delete":
                services.folder_delete(user=request.user, folder=self.folder)
                messages.success(request, f"Dossier « {self.folder.name} » supprimé.")
                return redirect("search_admin:folders")
            if action == "remove_profile":
                entry = get_object_or_404(selectors.folder_entries(folder=self.folder),
                                          profile_id=request.POST.get("profile") or 0)
                services.folder_remove_profile(user=request.user, folder=self.folder, profile=entry.profile)
                messages.success(request, "Profil retiré du dossier.")
                return redirect("search_admin:folder", self.folder.pk)
            if action in {"update_search", "delete_search"}:
                search = get_object_or_404(self.folder.searches.all(), pk=request.POST.get("search") or 0)
                return self.update_search(search) if action == "update_search" else self.delete_search(search)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(), status=403)
        messages.error(request, "Action inconnue.")
        return self.render_to_response(self.get_context_data(), status=400)

    def update(self):
        form = FolderForm(self.request.POST)
        if form.is_valid():
            try:
                services.folder_update(user=self.request.user, folder=self.folder, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                shared = " et partagé avec vos collègues" if self.folder.shared else ""
                messages.success(self.request, f"Dossier enregistré{shared}.")
                return redirect("search_admin:folder", self.folder.pk)
        return self.render_to_response(self.get_context_data(folder_form=form), status=400)

    def update_search(self, search):
        form = SavedSearchForm(self.request.POST, prefix=f"s{search.pk}")
        if form.is_valid():
            try:
                services.saved_search_update(user=self.request.user, saved_search=search, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(self.request, f"Recherche « {search.name} » enregistrée.")
                return redirect("search_admin:folder", self.folder.pk)
        return self.render_to_response(self.get_context_data(**{f"search_form_{search.pk}": form}), status=400)

    def delete_search(self, search):
        services.saved_search_delete(user=self.request.user, saved_search=search)
        messages.success(self.request, f"Recherche « {search.name} » supprimée.")
        return redirect("search_admin:folder", self.folder.pk)
