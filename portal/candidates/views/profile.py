"""The candidate's profile editor, one part per screen, and their data rights (CV, export, erasure)."""

from __future__ import annotations

import os

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from portal.ops.private_files import content_type_for, private_file_response

from ..forms import (
    AccountEraseForm,
    CvthequeConsentForm,
    CvUploadForm,
    DesiredPlaceFormSet,
    EducationFormSet,
    ExperienceFormSet,
    IdentitySectionForm,
    LanguageFormSet,
    SearchSectionForm,
    SkillsSectionForm,
    formset_items,
)
from ..models import private_storage
from ..navigation import SECTIONS, SECTIONS_BY_SLUG, Section
from ..selectors import with_details
from ..services import (
    candidate_consent_set,
    candidate_cv_delete,
    candidate_cv_replace,
    candidate_desired_places_replace,
    candidate_education_replace,
    candidate_erase,
    candidate_experiences_replace,
    candidate_export,
    candidate_identity_update,
    candidate_languages_replace,
    candidate_profile_update,
)
from .access import candidate_required, posted

SAVED = "Vos modifications sont enregistrées."
FIX_ERRORS = "Rien n'a été enregistré : corrigez les champs signalés."


# The data-form id of each section's <form> (templates/candidates/section_form.html lists them too).
SECTION_FORM_IDS = {
    "identite": "candidate-section-identity",
    "recherche": "candidate-section-search",
    "experiences": "candidate-section-experiences",
    "formation": "candidate-section-education",
    "competences": "candidate-section-skills",
}


def _render(request, slug: str, template: str, context: dict, *, status: int = 200):
    shown = [context.get("form"), getattr(context.get("formset"), "empty_form", None)]
    context = {"sections": SECTIONS, "section": SECTIONS_BY_SLUG.get(slug), "profile": request.profile,
               "form_id": SECTION_FORM_IDS.get(slug, ""),
               "has_required": any(field.required for form in shown if form for field in form.fields.values()),
               **context}
    return render(request, template, context, status=status)


def _rows(formset_class, data, *, prefix: str, initial: list[dict]):
    """A profile list's formset: the stored rows, or one blank row to start the list (more rows come
    from the "Ajouter" button)."""
    formset = formset_class(data, prefix=prefix, initial=None if data else initial)
    if initial:
        formset.extra = 0
    return formset


def _add_error(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_messages)
    else:
        form.add_error(None, error.messages)


def _formset_error(formset, error: ValidationError) -> None:
    formset._non_form_errors = formset.error_class(
        [*formset.non_form_errors(), *error.messages], renderer=formset.renderer
    )


def _completion(profile) -> list[tuple[Section, bool]]:
    done = {
        "identite": bool(profile.headline and profile.home_commune_id),
        "recherche": bool(profile.desired_jobs or profile.contract_types),
        "experiences": bool(profile.experiences.all()),
        "formation": bool(profile.education.all()),
        "competences": bool(profile.skills or profile.languages.all()),
        "cv": profile.has_cv_file,
        "visibilite": profile.visible_in_cvtheque,
    }
    return [(section, done[section.slug]) for section in SECTIONS]


@candidate_required
def profile_overview(request):
    profile = with_details(type(request.profile).objects.filter(pk=request.profile.pk)).get()
    completion = _completion(profile)
    context = {
        "completion": completion,
        "completed": sum(1 for _section, done in completion if done),
        "detailed_profile": profile,
    }
    return _render(request, "", "candidates/profile_overview.html", context)


@candidate_required
@require_http_methods(["GET", "POST"])
def identity(request):
    profile, user = request.profile, request.user
    initial = {"first_name": user.first_name, "last_name": user.last_name}
    form = IdentitySectionForm(posted(request), instance=profile, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                candidate_identity_update(
                    profile=profile,
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                    data=form.profile_data(),
                )
            except ValidationError as error:
                _add_error(form, error)
            else:
                messages.success(request, SAVED)
                return redirect("candidates:identity")
        messages.error(request, FIX_ERRORS)
        profile.refresh_from_db()
    return _render(request, "identite", "candidates/section_form.html", {"form": form},
                   status=400 if request.method == "POST" else 200)


def _places_initial(profile) -> list[dict]:
    return [
        {"commune": place.commune, "radius_km": place.radius_km, "department": place.department_id}
        for place in profile.desired_places.select_related("commune")
    ]


@candidate_required
@require_http_methods(["GET", "POST"])
def search(request):
    profile = request.profile
    data = posted(request)
    form = SearchSectionForm(data, instance=profile, initial={"sectors": list(profile.sectors.all())})
    formset = _rows(DesiredPlaceFormSet, data, prefix="places", initial=_places_initial(profile))
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            try:
                with transaction.atomic():
                    candidate_profile_update(profile=profile, data=form.profile_data(), sectors=form.cleaned_data["sectors"])
                    candidate_desired_places_replace(profile=profile, places=formset_items(formset))
            except ValidationError as error:
                _add_error(form, error)
            else:
                messages.success(request, SAVED)
                return redirect("candidates:search")
        messages.error(request, FIX_ERRORS)
        profile.refresh_from_db()
    return _render(
        request, "recherche", "candidates/section_form.html",
        {"form": form, "formset": formset, "formset_title": "Où voulez-vous travailler ?", "formset_item": "Lieu",
         "formset_add": "Ajouter un lieu"},
        status=400 if request.method == "POST" else 200,
    )


def _formset_section(request, *, slug, formset_class, prefix, initial, replace, item_label, add_label):
    profile = request.profile
    data = posted(request)
    formset = _rows(formset_class, data, prefix=prefix, initial=initial)
    if request.method == "POST":
        if formset.is_valid():
            try:
                replace(profile, formset_items(formset))
            except ValidationError as error:
                _formset_error(formset, error)
            else:
                messages.success(request, SAVED)
                return redirect(SECTIONS_BY_SLUG[slug].url_name)
        messages.error(request, FIX_ERRORS)
    return _render(request, slug, "candidates/section_form.html",
                   {"formset": formset, "formset_item": item_label, "formset_add": add_label},
                   status=400 if request.method == "POST" else 200)


@candidate_required
@require_http_methods(["GET", "POST"])
def experiences(request):
    initial = [
        {"title": exp.title, "employer": exp.employer, "sector": exp.sector_id, "start": exp.start_date,
         "end": exp.end_date, "description": exp.description}
        for exp in request.profile.experiences.all()
    ]
    return _formset_section(
        request, slug="experiences", formset_class=ExperienceFormSet, prefix="experiences", initial=initial,
        replace=lambda profile, items: candidate_experiences_replace(profile=profile, experiences=items),
        item_label="Expérience", add_label="Ajouter une expérience",
    )


@candidate_required
@require_http_methods(["GET", "POST"])
def education(request):
    initial = [
        {"level": edu.level, "title": edu.title, "school": edu.school, "year": edu.year}
        for edu in request.profile.education.all()
    ]
    return _formset_section(
        request, slug="formation", formset_class=EducationFormSet, prefix="education", initial=initial,
        replace=lambda profile, items: candidate_education_replace(profile=profile, education=items),
        item_label="Formation", add_label="Ajouter une formation",
    )


@candidate_required
@require_http_methods(["GET", "POST"])
def skills(request):
    profile = request.profile
    data = posted(request)
    form = SkillsSectionForm(data, instance=profile)
    initial = [{"language": lang.language_id, "level": lang.level} for lang in profile.languages.all()]
    formset = _rows(LanguageFormSet, data, prefix="languages", initial=initial)
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            try:
                with transaction.atomic():
                    candidate_profile_update(profile=profile, data=form.profile_data())
                    candidate_languages_replace(profile=profile, languages=formset_items(formset))
            except ValidationError as error:
                _formset_error(formset, error)
            else:
                messages.success(request, SAVED)
                return redirect("candidates:skills")
        messages.error(request, FIX_ERRORS)
        profile.refresh_from_db()
    return _render(
        request, "competences", "candidates/section_form.html",
        {"form": form, "formset": formset, "formset_title": "Langues", "formset_item": "Langue",
         "formset_add": "Ajouter une langue"},
        status=400 if request.method == "POST" else 200,
    )


@candidate_required
@require_http_methods(["GET", "POST"])
def cv(request):
    profile = request.profile
    form = CvUploadForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST":
        if request.POST.get("action") == "delete":
            if profile.has_cv_file:
                candidate_cv_delete(profile=profile)
                messages.success(request, "Votre CV a été supprimé.")
            return redirect("candidates:cv")
        if form.is_valid():
            try:
                candidate_cv_replace(profile=profile, uploaded_file=form.cleaned_data["cv"])
            except ValidationError as error:
                _add_error(form, error)
            else:
                messages.success(request, "Votre CV est enregistré.")
                return redirect("candidates:cv")
        messages.error(request, "Le CV n'a pas été enregistré : " + " ".join(
            message for messages_ in form.errors.values() for message in messages_))
        profile.refresh_from_db()
    return _render(request, "cv", "candidates/cv.html", {"form": form},
                   status=400 if request.method == "POST" else 200)


@candidate_required
def cv_download(request):
    profile = request.profile
    if not profile.has_cv_file:
        raise Http404("Vous n'avez pas encore déposé de CV.")
    try:
        handle = private_storage().open(profile.cv_file.name, "rb")
    except FileNotFoundError as exc:
        raise Http404("Le fichier de votre CV est introuvable.") from exc
    name = profile.cv_original_name or os.path.basename(profile.cv_file.name)
    return private_file_response(request, handle, filename=name, download=True,
                                 content_type=content_type_for(profile.cv_file.name))


@candidate_required
@require_http_methods(["GET", "POST"])
def visibility(request):
    profile = request.profile
    form = CvthequeConsentForm(posted(request), initial={"visible_in_cvtheque": profile.visible_in_cvtheque})
    if request.method == "POST" and form.is_valid():
        visible = form.cleaned_data["visible_in_cvtheque"]
        candidate_consent_set(profile=profile, visible=visible)
        messages.success(
            request,
            "Votre profil est visible dans la CVthèque." if visible else "Votre profil n'est plus visible dans la CVthèque.",
        )
        return redirect("candidates:visibility")
    return _render(request, "visibilite", "candidates/visibility.html", {"form": form})


@candidate_required
@require_POST
def export(request):
    archive = candidate_export(user=request.user)
    response = FileResponse(archive, as_attachment=True, content_type="application/zip",
                            filename=f"vivier-mes-donnees-{timezone.localdate():%Y-%m-%d}.zip")
    response["Cache-Control"] = "no-store"
    return response


@candidate_required
@require_http_methods(["GET", "POST"])
def erase(request):
    form = AccountEraseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            candidate_erase(user=request.user, password=form.cleaned_data["password"])
        except ValidationError as error:
            _add_error(form, error)
        else:
            logout(request)
            messages.success(request, "Votre compte, votre profil et votre CV ont été supprimés.")
            return redirect("/")
    return _render(request, "", "candidates/erase.html", {"form": form},
                   status=400 if request.method == "POST" else 200)
