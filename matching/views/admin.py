"""Matching views of the recruiter space (Wagtail admin): offers list, offer upload, criteria search
with results (and their JSON for the threshold slider), candidate page with tabs and actions."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.candidates.models import CandidateProfile
from portal.ops.private_files import content_type_for, download_requested, private_file_response
from recruiters.forms import add_service_errors
from recruiters.views.access import RecruiterRequiredMixin
from search.choices import AccessKind, ProfileStatusValue
from search.forms import CommentForm, ContactForm, RetainForm
from search.selectors import comments_for, company_marks, folders_for, profile_history
from search.services import (
    comment_add,
    contact_send,
    folder_add_profile,
    folder_create,
    profile_access_record,
)

from ..choices import RESULTS_PER_PAGE, RunSource
from ..engine import CRITERIA, CRITERION_LABELS, STATE_NAMES, format_years
from ..extraction import criteria_from_file, criteria_from_text
from ..forms import (
    IMPORTANCE_CHOICES,
    SORT_LABELS,
    CriteriaForm,
    OfferUploadForm,
    SaveMatchingSearchForm,
    TransferForm,
)
from ..selectors import dismissed_ids, matching_profile_for, offer_to_criteria, offers_for, transfers_for
from ..services import (
    MatchError,
    dismissal_set,
    explain_profile,
    match_run,
    matching_search_save,
    profile_transfer,
    search_key_for,
)
from .display import place_words, reference_names, why_words
from .html import importance_html, panel_html, rows_html

STATE_ICONS = {"found": "✔", "approximate": "≈", "not_specified": "?", "not_found": "✘"}
STATE_WORDS = {"found": "trouvé", "approximate": "approximatif", "not_specified": "non précisé", "not_found": "non trouvé"}
SEARCH_PARAMS = ("job_titles", "min_years", "diploma_level", "sectors", "sectors_q", "commune", "radius_km", "contract_types",
                 "working_time", "skills", "languages", "required", "offer", "sort",
                 *(f"importance_{name}" for name in CRITERIA))


class MatchingAdminView(RecruiterRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Tableau de bord"},
            {"url": "", "label": self.get_page_title()},
        ]


def _when(timestamp: float | None) -> str:
    if timestamp is None:
        return "—"
    # strftime, not date_format: 30 rows × 2 dates of localized formatting cost more than the scoring.
    return timezone.localtime(datetime.fromtimestamp(timestamp, tz=UTC)).strftime("%d/%m/%Y")


def _search_query(request, **changes) -> str:
    params = [(key, value) for key in SEARCH_PARAMS for value in request.GET.getlist(key) if value not in ("", None)]
    params = [(key, value) for key, value in params if key not in changes]
    params.extend((key, value) for key, value in changes.items() if value not in ("", None))
    return urlencode(params)


def result_rows(outcome, *, company, query: str) -> list[dict]:
    """One dict per result of the page: what the list and the JSON show (no protected data: the home
    commune, never an address)."""
    marks = company_marks(company)
    page = outcome.page()
    shown = {
        pk: (headline, commune) for pk, headline, commune in CandidateProfile.objects.filter(
            pk__in=[m.profile_id for m in page]).values_list("pk", "headline", "home_commune__name")
    }
    explanations = outcome.result.explain_rows(outcome.rows, reference_names(outcome.criteria)) if page else []
    # One reverse() for the page, not one per row.
    profile_url = reverse("matching_admin:profile", args=[0]).removesuffix("0/")
    rows = []
    for match, explained in zip(page, explanations, strict=True):
        status = marks.statuses.get(match.profile_id, "")
        headline, commune = shown.get(match.profile_id, ("", None))
        rows.append({
            "id": match.profile_id,
            "headline": headline or f"Profil n° {match.profile_id}",
            "place": place_words(commune, explained),
            "why": why_words(explained),
            "percent": match.percent,
            "years": format_years(match.experience_years) if match.experience_years else "—",
            "last_login": _when(match.last_login),
            "updated": _when(match.updated),
            "seen": match.profile_id in marks.seen,
            "retained": status == ProfileStatusValue.RETAINED,
            "status": ProfileStatusValue(status).label if status else "",
            "states": {name: STATE_NAMES[state] for name, state in match.states.items()},
            "url": f"{profile_url}{match.profile_id}/?{query}",
        })
    return rows


class _SearchMixin:
    def search(self, request, *, record=True):
        """(form, outcome or None, error message or None) for the GET parameters."""
        form = CriteriaForm(request.GET or None)
        if not request.GET:
            return form, None, None
        if not form.is_valid():
            return form, None, "Corrigez les critères signalés."
        criteria = form.criteria()
        offer_id = form.cleaned_data.get("offer")
        if offer_id is not None and not offers_for(user=request.user).filter(pk=offer_id).exists():
            raise Http404("Offre introuvable.")
        if not any(value not in (None, "", []) for value in criteria.values()):
            return form, None, "Indiquez au moins un critère de recherche."
        page = form.cleaned_data.get("page") or 1
        run = request.GET.get("run", "")
        try:
            outcome = match_run(
                criteria=criteria,
                user=request.user,
                company=self.company,
                source=RunSource.OFFER if offer_id else RunSource.CRITERIA,
                weights=form.weights(),
                required=form.cleaned_data.get("required") or [],
                threshold=form.threshold_value,
                limit=RESULTS_PER_PAGE,
                offset=(page - 1) * RESULTS_PER_PAGE,
                sort=form.cleaned_data.get("sort") or "score",
                offer_id=offer_id,
                record=record,
                run_id=int(run) if run.isdigit() and len(run) < 19 else None,
            )
        except MatchError as exc:
            return form, None, str(exc)
        return form, outcome, None


def _payload(outcome, *, company, query: str) -> dict:
    result = outcome.result
    return {
        "count": outcome.count,
        "total": result.total,
        "threshold": result.threshold,
        "elapsed_ms": round(outcome.elapsed_ms, 1),
        "run": outcome.run.pk if outcome.run else None,
        "funnel": [{"criterion": s.criterion, "label": s.label, "removed": s.removed, "remaining": s.remaining}
                   for s in result.funnel],
        "counts_by_threshold": result.counts_by_threshold().tolist(),
        "results": result_rows(outcome, company=company, query=query),
    }


class OfferListView(MatchingAdminView):
    template_name = "matching/admin/offers.html"
    page_title = "Recherche à partir d'une offre"

    def get_context_data(self, **kwargs):
        offers = offers_for(user=self.request.user)[:200]
        return super().get_context_data(offers=offers, **kwargs)


class OfferMatchView(RecruiterRequiredMixin, View):
    """The button of an offer: its structured criteria become the search."""

    def get(self, request, pk):
        offer = get_object_or_404(offers_for(user=request.user).prefetch_related("sectors", "languages"), pk=pk)
        initial = CriteriaForm.initial_from_criteria(offer_to_criteria(offer))
        params = [(k, v) for k, value in initial.items() for v in (value if isinstance(value, list) else [value])
                  if v not in (None, "")]
        params.append(("offer", offer.pk))
        return redirect(reverse("matching_admin:search") + "?" + urlencode(params))


class OfferUploadView(MatchingAdminView):
    template_name = "matching/admin/upload.html"
    page_title = "Charger une offre"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", OfferUploadForm())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = OfferUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                upload = form.cleaned_data.get("file")
                if upload:
                    if upload.size > 2 * 1024 * 1024:
                        raise ValidationError("Le fichier dépasse 2 Mo. Formats acceptés : PDF, DOCX, ODT ou TXT.")
                    criteria = criteria_from_file(upload.read(), upload.name)
                else:
                    criteria = criteria_from_text(form.cleaned_data["text"])
            except ValidationError as exc:
                form.add_error("file" if form.cleaned_data.get("file") else "text", exc)
            else:
                if not criteria:
                    form.add_error(None, "Aucun critère n'a été reconnu dans cette offre : saisissez-les vous-même.")
                else:
                    initial = CriteriaForm.initial_from_criteria(criteria)
                    params = [(k, v) for k, value in initial.items()
                              for v in (value if isinstance(value, list) else [value]) if v not in (None, "")]
                    params.append(("extracted", "1"))
                    return redirect(reverse("matching_admin:search") + "?" + urlencode(params))
        return self.render_to_response(self.get_context_data(form=form), status=400)


def _importance(form, name: str) -> int:
    value = form.cleaned_data.get(f"importance_{name}") if form.is_bound and hasattr(form, "cleaned_data") else None
    return 1 if value is None else value


class MatchSearchView(_SearchMixin, MatchingAdminView):
    template_name = "matching/admin/search.html"
    page_title = "Recherche matching"

    def get(self, request, *args, save_form=None, **kwargs):
        extracted = request.GET.get("extracted") == "1"
        if extracted:
            form, outcome, error = CriteriaForm(request.GET), None, None
            form.is_valid()
        else:
            form, outcome, error = self.search(request)
        query = _search_query(request)
        criteria_rows = [
            (name, CRITERION_LABELS[name], _importance(form, name), name in request.GET.getlist("required"))
            for name in CRITERIA
        ]
        context = self.get_context_data(
            form=form, outcome=outcome, error=error, extracted=extracted,
            panel=panel_html(form),
            importance_panel=importance_html(criteria_rows, IMPORTANCE_CHOICES),
            sort_labels=SORT_LABELS,
            json_url=reverse("matching_admin:results_json"),
            query=query,
            save_query=_search_query(request, threshold=request.GET.get("threshold", "")),
            save_form=save_form,
            folders=folders_for(user=request.user) if outcome is not None else (),
        )
        if outcome is not None:
            context["payload"] = _payload(outcome, company=self.company, query=query)
            context["rows"] = rows_html(context["payload"]["results"])
            page = form.cleaned_data.get("page") or 1
            context["page"] = page
            context["has_next"] = outcome.count > page * RESULTS_PER_PAGE
            run = outcome.run.pk if outcome.run else ""
            context["next_query"] = _search_query(request, page=page + 1, threshold=request.GET.get("threshold", ""), run=run)
            context["previous_query"] = _search_query(request, page=page - 1, threshold=request.GET.get("threshold", ""),
                                                      run=run)
        status = 400 if (error and request.GET and not extracted and form.errors) or save_form is not None else 200
        return self.render_to_response(context, status=status)

    def post(self, request, *args, **kwargs):
        """"Enregistrer la recherche": the search of the page's URL into a folder, with its alert."""
        form = CriteriaForm(request.GET)
        save_form = SaveMatchingSearchForm(request.POST, folders=folders_for(user=request.user))
        if not form.is_valid():
            save_form.add_error(None, "Corrigez les critères de la recherche avant de l'enregistrer.")
            return self.get(request, save_form=save_form)
        offer_id = form.cleaned_data.get("offer")
        if offer_id is not None and not offers_for(user=request.user).filter(pk=offer_id).exists():
            raise Http404("Offre introuvable.")
        if save_form.is_valid():
            data = {
                "criteria": form.criteria(),
                "importance": {name: form.cleaned_data.get(f"importance_{name}", 1) for name in CRITERIA},
                "required": form.cleaned_data.get("required") or [],
                "threshold": form.threshold_value,
                "offer": offer_id,
            }
            try:
                with transaction.atomic():
                    folder = save_form.cleaned_data.get("folder")
                    folder = (folders_for(user=request.user).get(pk=folder) if folder else
                              folder_create(user=request.user, name=save_form.cleaned_data["new_folder"]))
                    saved = matching_search_save(user=request.user, folder=folder, name=save_form.cleaned_data["name"],
                                                 data=data, alert_frequency=save_form.cleaned_data["alert_frequency"])
            except ValidationError as exc:
                add_service_errors(save_form, exc)
            else:
                messages.success(request, f"Recherche « {saved.name} » enregistrée dans le dossier « {folder.name} ».")
                return redirect(reverse("search_admin:folder", args=[folder.pk]))
        return self.get(request, save_form=save_form)


class MatchResultsJsonView(_SearchMixin, RecruiterRequiredMixin, View):
    """The same search as the page, as JSON: the slider and sort refresh the list without a reload."""

    def get(self, request):
        form, outcome, error = self.search(request)
        if outcome is None:
            errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
            return JsonResponse({"error": error or "Indiquez au moins un critère de recherche.", "errors": errors},
                                status=400)
        return JsonResponse(_payload(outcome, company=self.company, query=_search_query(request)))


_TABS = {"retain": "matching", "dismiss": "matching", "restore": "matching", "comment": "commentaires",
         "contact": "email", "transfer": "email"}


class CandidateView(MatchingAdminView):
    """A candidate seen from a matching search: tabs Matching / Commentaires / Historique / E-mail."""

    template_name = "matching/admin/candidate.html"
    page_title = "Profil candidat"

    def get_profile(self):
        profile = matching_profile_for(user=self.request.user, pk=self.kwargs["pk"])
        if profile is None:
            raise Http404("Profil introuvable.")
        return profile

    def _criteria(self):
        form = CriteriaForm(self.request.GET)
        if not form.is_valid():
            return form, None, None
        return form, form.criteria(), form.weights()

    def get_context_data(self, **kwargs):
        profile = kwargs.pop("profile")
        form, criteria, weights = self._criteria()
        explanations, error = None, None
        if criteria and any(v not in (None, "", []) for v in criteria.values()):
            try:
                explanations = explain_profile(criteria=criteria, weights=weights, profile_id=profile.pk,
                                               names=reference_names(criteria))
            except MatchError as exc:
                error = str(exc)
        search_key = search_key_for(offer_id=form.cleaned_data.get("offer") if form.is_valid() else None,
                                    criteria=criteria or {})
        user = self.request.user
        folders = list(folders_for(user=user))
        # One click retains into a folder already there, or into a new "Matching" folder for a first one.
        kwargs.setdefault("retain_form", RetainForm(folders=folders, initial={
            "folder": folders[0].pk if folders else None, "new_folder": "" if folders else "Matching"}))
        kwargs.setdefault("comment_form", CommentForm())
        kwargs.setdefault("contact_form", ContactForm(initial={"subject": f"{self.company.name} : votre profil nous intéresse"}))
        kwargs.setdefault("transfer_form", TransferForm())
        return super().get_context_data(
            profile=profile,
            explanations=[
                {"label": e.label, "asked": e.asked, "detail": e.detail, "state": e.state_name,
                 "icon": STATE_ICONS[e.state_name], "words": STATE_WORDS[e.state_name], "message": e.message}
                for e in explanations or []
            ],
            match_error=error,
            search_key=search_key,
            dismissed=profile.pk in dismissed_ids(user=user, search_key=search_key),
            query=_search_query(self.request),
            comments=comments_for(user=user).filter(profile=profile).select_related("author")[:100],
            history=profile_history(company=self.company, profile=profile),
            transfers=transfers_for(user=user, profile=profile)[:50],
            folders=folders,
            years=profile.years_of_experience(),
            **{"tab": self.request.GET.get("tab", "matching"), **kwargs},
        )

    def get(self, request, *args, **kwargs):
        profile = self.get_profile()
        profile_access_record(user=request.user, profile=profile)
        return self.render_to_response(self.get_context_data(profile=profile))

    def post(self, request, *args, **kwargs):
        profile = self.get_profile()
        action = request.POST.get("action")
        back = request.path + "?" + _search_query(request)
        forms = {}
        try:
            if action == "retain":
                folders = list(folders_for(user=request.user))
                form = forms["retain_form"] = RetainForm(request.POST, folders=folders)
                if form.is_valid():
                    with transaction.atomic():
                        folder = next((f for f in folders if f.pk == form.cleaned_data["folder"]), None)
                        if folder is None:
                            folder = folder_create(user=request.user, name=form.cleaned_data["new_folder"])
                        folder_add_profile(user=request.user, folder=folder, profile=profile)
                    messages.success(request, f"Profil retenu dans le dossier « {folder.name} ».")
                    return redirect(back)
            elif action in ("dismiss", "restore"):
                dismissal_set(user=request.user, profile=profile, search_key=request.POST.get("search_key", ""),
                              dismissed=action == "dismiss")
                messages.success(request, "Profil écarté de cette recherche." if action == "dismiss"
                                 else "Profil remis dans les résultats de cette recherche.")
            elif action == "comment":
                form = forms["comment_form"] = CommentForm(request.POST)
                if form.is_valid():
                    comment_add(user=request.user, profile=profile, text=form.cleaned_data["text"])
                    messages.success(request, "Commentaire ajouté.")
                    return redirect(back + "&tab=commentaires")
            elif action == "contact":
                form = forms["contact_form"] = ContactForm(request.POST)
                if form.is_valid():
                    contact_send(user=request.user, profile=profile, **form.cleaned_data)
                    messages.success(request, "Message envoyé au candidat.")
                    return redirect(back + "&tab=email")
            elif action == "transfer":
                form = forms["transfer_form"] = TransferForm(request.POST)
                if form.is_valid():
                    profile_transfer(user=request.user, profile=profile, profile_url=request.build_absolute_uri(
                        reverse("matching_admin:profile", args=[profile.pk])), **form.cleaned_data)
                    messages.success(request, "Profil transféré.")
                    return redirect(back + "&tab=historique")
            else:
                messages.error(request, "Action inconnue.")
                return self.render_to_response(self.get_context_data(profile=profile), status=400)
        except ValidationError as exc:
            form = next(iter(forms.values()), None)
            if form is None:
                messages.error(request, " ".join(exc.messages))
            else:
                add_service_errors(form, exc)
            return self.render_to_response(self.get_context_data(profile=profile, tab=_TABS[action], **forms), status=400)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
            return self.render_to_response(self.get_context_data(profile=profile, tab=_TABS[action], **forms), status=403)
        if forms:
            return self.render_to_response(self.get_context_data(profile=profile, tab=_TABS[action], **forms), status=400)
        return redirect(back)


class CandidateCvView(RecruiterRequiredMixin, View):
    """The CV file, to view or download, logged in the access log (GDPR)."""

    def get(self, request, pk):
        profile = matching_profile_for(user=request.user, pk=pk)
        if profile is None or not profile.cv_file:
            raise Http404("CV introuvable.")
        content_type = content_type_for(profile.cv_file.name)
        download = download_requested(request) or content_type != "application/pdf"
        profile_access_record(user=request.user, profile=profile,
                              kind=AccessKind.CV_DOWNLOAD if download else AccessKind.CV_VIEW)
        extension = profile.cv_file.name.rsplit(".", 1)[-1]
        return private_file_response(request, profile.cv_file.open("rb"), filename=f"cv-{profile.pk}.{extension}",
                                     content_type=content_type, download=download)
