"""Write workflows on candidate profiles. Each one validates, writes in one transaction and, once the
transaction commits, tells the rest of the portal through ``signals.profile_changed``."""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from datetime import date, datetime
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from portal.accounts.choices import Role
from portal.accounts.emails import absolute_url, send_templated_email
from portal.accounts.services import email_confirmation_url
from portal.reference.models import Commune, Department, Language, NafSector

from .cv import inspect_cv
from .exports import ExportFile
from .models import (
    CandidateLanguage,
    CandidateProfile,
    DesiredPlace,
    Education,
    Experience,
    cv_upload_to,
    private_storage,
)
from .signals import export_requested, profile_changed
from .validators import clean_string_list, normalize_phone

logger = logging.getLogger(__name__)

# The export archive stays in memory up to this size, then goes to a temporary file.
EXPORT_MEMORY_BYTES = 20 * 1024 * 1024
EXPORT_CHUNK_BYTES = 1024 * 1024

# The scalar and list fields a candidate (or an import) may set directly.
PROFILE_FIELDS = (
    "phone",
    "headline",
    "desired_jobs",
    "home_commune",
    "contract_types",
    "working_time",
    "available_from",
    "driving_licence",
    "salary_min",
    "skills",
)
_LIST_FIELDS = {"desired_jobs", "skills"}
_CHOICE_LIST_FIELDS = {"contract_types", "working_time"}


def notify_profiles_changed(profile_ids: Iterable[int]) -> None:
    """Send ``profile_changed`` once the current transaction commits (at once outside one)."""
    ids = sorted(set(profile_ids))
    if ids:
        transaction.on_commit(lambda: profile_changed.send(sender=CandidateProfile, profile_ids=ids))


def delete_private_file_on_commit(name: str) -> None:
    if name:
        transaction.on_commit(lambda: private_storage().delete(name))


def store_cv(data: bytes, extension: str) -> str:
    """Write checked CV bytes under a random name in private storage; return the stored name."""
    return private_storage().save(cv_upload_to(None, f"cv.{extension}"), ContentFile(data))


def _apply_fields(profile: CandidateProfile, data: dict[str, Any]) -> None:
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {sorted(unknown)}")
    for name, value in data.items():
        if name == "phone":
            value = normalize_phone(value) if value else ""
        elif name in _LIST_FIELDS:
            value = clean_string_list(value or [])
        elif name in _CHOICE_LIST_FIELDS:
            value = list(dict.fromkeys(value or []))
        elif name in {"headline"}:
            value = " ".join((value or "").split())
        setattr(profile, name, value)


def _set_consent(profile: CandidateProfile, visible: bool, at: datetime) -> None:
    if visible and not profile.visible_in_cvtheque:
        profile.consent_at = at
    profile.visible_in_cvtheque = visible


@transaction.atomic
def candidate_profile_create(
    *,
    user,
    data: dict[str, Any] | None = None,
    sectors: Iterable[NafSector] | None = None,
    visible_in_cvtheque: bool = False,
    external_ref: str | None = None,
) -> CandidateProfile:
    if user.role != Role.CANDIDATE:
        raise ValidationError("Seul un compte candidat peut avoir un profil candidat.", code="not_candidate")
    if CandidateProfile.objects.filter(user=user).exists():
        raise ValidationError("Ce compte a déjà un profil candidat.", code="duplicate_profile")
    now = timezone.now()
    profile = CandidateProfile(
        user=user,
        external_ref=external_ref or None,
        created_at=now,
        updated_at=now,
        last_active_at=user.last_login or now,
    )
    _apply_fields(profile, data or {})
    _set_consent(profile, visible_in_cvtheque, now)
    profile.full_clean()
    profile.save()
    if sectors is not None:
        profile.sectors.set(sectors)
    notify_profiles_changed([profile.pk])
    return profile


@transaction.atomic
def candidate_profile_update(
    *,
    profile: CandidateProfile,
    data: dict[str, Any],
    sectors: Iterable[NafSector] | None = None,
) -> CandidateProfile:
    _apply_fields(profile, data)
    profile.updated_at = timezone.now()
    profile.full_clean()
    profile.save()
    if sectors is not None:
        profile.sectors.set(sectors)
    notify_profiles_changed([profile.pk])
    return profile


@transaction.atomic
def candidate_consent_set(*, profile: CandidateProfile, visible: bool) -> CandidateProfile:
    """Give or withdraw consent to appear in the CVthèque (withdrawal takes effect at once)."""
    now = timezone.now()
    _set_consent(profile, visible, now)
    profile.updated_at = now
    profile.save(update_fields=["visible_in_cvtheque", "consent_at", "updated_at"])
    notify_profiles_changed([profile.pk])
    return profile


def candidate_mark_active(*, user, at: datetime | None = None) -> None:
    """Record a sign of life (a login): it resets the 2-year retention clock."""
    at = at or timezone.now()
    with transaction.atomic():
        profile_ids = list(CandidateProfile.objects.filter(user=user).values_list("pk", flat=True))
        if profile_ids:
            CandidateProfile.objects.filter(pk__in=profile_ids).update(
                last_active_at=at, retention_notice_sent_at=None
            )
            notify_profiles_changed(profile_ids)


def _month(value: date | str) -> date:
    if isinstance(value, str):
        value = date.fromisoformat(value if len(value) > 7 else f"{value}-01")
    return value.replace(day=1)


def _replace_children(profile: CandidateProfile, model, rows: list) -> None:
    for row in rows:
        row.full_clean(exclude=["profile"])
    model.objects.filter(profile=profile).delete()
    model.objects.bulk_create(rows)
    profile.updated_at = timezone.now()
    profile.save(update_fields=["updated_at"])
    notify_profiles_changed([profile.pk])


@transaction.atomic
def candidate_experiences_replace(*, profile: CandidateProfile, experiences: list[dict]) -> None:
    """Replace all experiences. Items: title, employer, sector (NafSector or None), start, end, description."""
    rows = [
        Experience(
            profile=profile,
            title=" ".join(item["title"].split()),
            employer=" ".join((item.get("employer") or "").split()),
            sector=item.get("sector"),
            start_date=_month(item["start"]),
            end_date=_month(item["end"]) if item.get("end") else None,
            description=(item.get("description") or "").strip(),
        )
        for item in experiences
    ]
    _replace_children(profile, Experience, rows)


@transaction.atomic
def candidate_education_replace(*, profile: CandidateProfile, education: list[dict]) -> None:
    """Replace all education rows. Items: level (DiplomaLevel or None), title, school, year."""
    rows = [
        Education(
            profile=profile,
            level=item.get("level"),
            title=" ".join(item["title"].split()),
            school=" ".join((item.get("school") or "").split()),
            year=item.get("year"),
        )
        for item in education
    ]
    _replace_children(profile, Education, rows)


@transaction.atomic
def candidate_languages_replace(*, profile: CandidateProfile, languages: list[dict]) -> None:
    """Replace all languages. Items: language (a Language), level (CEFR code or "")."""
    seen: set[str] = set()
    rows = []
    for item in languages:
        language: Language = item["language"]
        if language.pk in seen:
            raise ValidationError(
                "La langue « %(name)s » figure deux fois.",
                code="duplicate_language",
                params={"name": language},
            )
        seen.add(language.pk)
        rows.append(CandidateLanguage(profile=profile, language=language, level=item.get("level") or ""))
    _replace_children(profile, CandidateLanguage, rows)


@transaction.atomic
def candidate_desired_places_replace(*, profile: CandidateProfile, places: list[dict]) -> None:
    """Replace all desired places. Items: {"commune": Commune, "radius_km": int} or {"department": Department}."""
    rows = []
    for item in places:
        commune: Commune | None = item.get("commune")
        department: Department | None = item.get("department")
        if commune is not None and department is not None:
            raise ValidationError(
                "Indiquez soit une commune et un rayon, soit un département.", code="place_ambiguous"
            )
        if commune is not None:
            radius = item.get("radius_km")
            rows.append(
                DesiredPlace(profile=profile, commune=commune, radius_km=0 if radius is None else radius)
            )
        elif department is not None:
            rows.append(DesiredPlace(profile=profile, department=department))
        else:
            raise ValidationError("Indiquez une commune ou un département.", code="place_empty")
    _replace_children(profile, DesiredPlace, rows)


@transaction.atomic
def candidate_cv_replace(*, profile: CandidateProfile, uploaded_file) -> CandidateProfile:
    """Check the file by content, store it under a random name, keep its text, drop the previous file.

    Raises ValidationError (French message) for an empty, oversized, unrecognised or unreadable file;
    the profile and its current CV are then left untouched.
    """
    content = inspect_cv(uploaded_file)
    previous = profile.cv_file.name
    stored = store_cv(content.data, content.extension)
    try:
        now = timezone.now()
        profile.cv_file.name = stored
        profile.cv_original_name = os.path.basename(getattr(uploaded_file, "name", "") or "")[:255] or (
            f"cv.{content.extension}"
        )
        profile.cv_sha256 = content.sha256
        profile.cv_text = content.text
        profile.cv_uploaded_at = now
        profile.updated_at = now
        profile.save(
            update_fields=[
                "cv_file",
                "cv_original_name",
                "cv_sha256",
                "cv_text",
                "cv_uploaded_at",
                "updated_at",
            ]
        )
    except BaseException:
        private_storage().delete(stored)
        profile.cv_file.name = previous
        raise
    if previous and previous != stored:
        delete_private_file_on_commit(previous)
    notify_profiles_changed([profile.pk])
    return profile


@transaction.atomic
def candidate_cv_delete(*, profile: CandidateProfile) -> CandidateProfile:
    previous = profile.cv_file.name
    profile.cv_file.name = ""
    profile.cv_original_name = ""
    profile.cv_sha256 = ""
    profile.cv_text = ""
    profile.cv_uploaded_at = None
    profile.updated_at = timezone.now()
    profile.save(
        update_fields=["cv_file", "cv_original_name", "cv_sha256", "cv_text", "cv_uploaded_at", "updated_at"]
    )
    delete_private_file_on_commit(previous)
    notify_profiles_changed([profile.pk])
    return profile


@transaction.atomic
def candidate_profile_delete(*, profile: CandidateProfile) -> None:
    """Erase a profile (the user account stays). The CV file goes and ``profile_changed`` is sent by
    the post_delete receiver, which also covers profiles deleted with their user account."""
    profile.delete()


def candidate_profile_erased(*, profile: CandidateProfile) -> None:
    """Clean-up once a profile row is deleted, however it was deleted."""
    delete_private_file_on_commit(profile.cv_file.name)
    notify_profiles_changed([profile.pk])


# --- Candidate account: sign-up, identity, export, erasure ---------------------------------------------

SIGNUP_EMAIL_INVALID = "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr."


def _candidate_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": SIGNUP_EMAIL_INVALID}) from exc
    return email


def _names(first_name: str, last_name: str) -> tuple[str, str]:
    first_name, last_name = " ".join((first_name or "").split()), " ".join((last_name or "").split())
    errors = {}
    if not first_name:
        errors["first_name"] = "Indiquez votre prénom."
    if not last_name:
        errors["last_name"] = "Indiquez votre nom."
    for field, value in (("first_name", first_name), ("last_name", last_name)):
        if len(value) > 150:
            errors[field] = "150 caractères au plus."
    if errors:
        raise ValidationError(errors)
    return first_name, last_name


def _send_candidate_confirmation(user, next_url: str = "") -> None:
    confirm_url = email_confirmation_url(user=user, next_url=next_url or reverse("candidates:home"))
    send_templated_email(
        to=user.email, template="candidates/emails/signup_confirm", context={"user": user, "confirm_url": confirm_url}
    )


def _send_existing_account_email(email: str, next_url: str = "") -> None:
    login_path = reverse("accounts:login")
    if next_url:
        login_path = f"{login_path}?{urlencode({'next': next_url})}"
    send_templated_email(
        to=email,
        template="candidates/emails/signup_existing_account",
        context={
            "login_url": absolute_url(login_path),
            "reset_url": absolute_url(reverse("accounts:password_reset")),
        },
    )


def candidate_signup(*, email: str, password: str, first_name: str, last_name: str, next_url: str = ""):
    """Create a candidate account with an empty profile and e-mail the confirmation link, which leads
    to ``next_url`` (a local path, e.g. the company page being applied to) or the candidate space.

    Returns None when the address already has an account: its owner is told by e-mail, and the
    visitor sees the same screen either way, so the form never reveals who is registered.
    """
    email = _candidate_email(email)
    first_name, last_name = _names(first_name, last_name)
    user_model = get_user_model()
    candidate = user_model(email=email, first_name=first_name, last_name=last_name, role=Role.CANDIDATE)
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    # Hashed before the address is looked up: the hash is most of the request's time, so a registered
    # address must not skip it (the answer would come ~100 times sooner and tell who is registered).
    candidate.set_password(password)
    if user_model.objects.filter(email__iexact=email).exists():
        _send_existing_account_email(email, next_url)
        return None
    try:
        with transaction.atomic():
            # Uniqueness is the database's to decide: a double click may race the check above.
            candidate.full_clean(validate_unique=False)
            candidate.save()
            candidate_profile_create(user=candidate)
    except IntegrityError:
        _send_existing_account_email(email, next_url)
        return None
    _send_candidate_confirmation(candidate, next_url)
    return candidate


def candidate_confirmation_resend(*, user, next_url: str = "") -> bool:
    """Send the confirmation link again (leading to ``next_url``, a local path, when given); False when
    the address is already confirmed."""
    if user.email_confirmed_at is not None or user.role != Role.CANDIDATE:
        return False
    _send_candidate_confirmation(user, next_url)
    return True


@transaction.atomic
def candidate_identity_update(
    *, profile: CandidateProfile, first_name: str, last_name: str, data: dict[str, Any]
) -> CandidateProfile:
    """Names (on the account) and the identity fields of the profile, together."""
    first_name, last_name = _names(first_name, last_name)
    user = profile.user
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
    return candidate_profile_update(profile=profile, data=data)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _profile_export(profile: CandidateProfile) -> dict[str, Any]:
    return {
        "headline": profile.headline,
        "phone": profile.phone,
        "home_commune": str(profile.home_commune) if profile.home_commune else None,
        "desired_jobs": profile.desired_jobs,
        "contract_types": profile.contract_types,
        "working_time": profile.working_time,
        "available_from": _iso(profile.available_from),
        "driving_licence": profile.driving_licence,
        "salary_min": profile.salary_min,
        "sectors": [str(sector) for sector in profile.sectors.all()],
        "skills": profile.skills,
        "desired_places": [str(place) for place in profile.desired_places.all()],
        "experiences": [
            {
                "title": exp.title,
                "employer": exp.employer,
                "sector": str(exp.sector) if exp.sector else None,
                "start": exp.start_date.strftime("%Y-%m"),
                "end": exp.end_date.strftime("%Y-%m") if exp.end_date else None,
                "description": exp.description,
            }
            for exp in profile.experiences.all()
        ],
        "education": [
            {"level": edu.get_level_display() if edu.level else None, "title": edu.title, "school": edu.school,
             "year": edu.year}
            for edu in profile.education.all()
        ],
        "languages": [
            {"language": str(lang.language), "level": lang.level or None} for lang in profile.languages.all()
        ],
        "cv": {
            "file_in_archive": f"cv/{os.path.basename(profile.cv_file.name)}",
            "original_name": profile.cv_original_name,
            "uploaded_at": _iso(profile.cv_uploaded_at),
            "extracted_text": profile.cv_text,
        }
        if profile.cv_file
        else None,
        "visible_in_cvtheque": profile.visible_in_cvtheque,
        "consent_at": _iso(profile.consent_at),
        "last_active_at": _iso(profile.last_active_at),
        "created_at": _iso(profile.created_at),
        "updated_at": _iso(profile.updated_at),
    }


def _export_contents(user) -> tuple[dict[str, Any], list[ExportFile]]:
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "email_confirmed_at": _iso(user.email_confirmed_at),
        },
        "profile": None,
    }
    profile = (
        CandidateProfile.objects.filter(user=user)
        .select_related("home_commune")
        .prefetch_related("sectors", "experiences__sector", "education", "languages__language",
                          "desired_places__commune", "desired_places__department")
        .first()
    )
    if profile is None:
        return data, []
    data["profile"] = _profile_export(profile)
    files = []
    if profile.cv_file:
        files.append(ExportFile(data["profile"]["cv"]["file_in_archive"], private_storage(), profile.cv_file.name))
    # Applications, their history and video answers live in apps above this one: they add their part.
    for _receiver, part in export_requested.send(sender=CandidateProfile, profile=profile):
        data[part.key] = part.data
        files.extend(part.files)
    return data, files


def candidate_export_data(*, user) -> dict[str, Any]:
    """Everything the platform keeps about a candidate, as plain JSON-ready data."""
    return _export_contents(user)[0]


EXPORT_README = """Vos données sur Vivier
======================

donnees.json : toutes les informations que la plateforme conserve sur vous, au format JSON
(lisible par un éditeur de texte ou un tableur) :
- account : votre compte ;
- profile : votre profil (postes recherchés, expériences, formations, langues, CV…) ;
- applications : vos candidatures, avec le message envoyé, le statut, l'historique, les notes des
  recruteurs et vos entretiens vidéo ;
- cvtheque : ce que la CVthèque garde de vous : quelles entreprises ont consulté votre profil ou
  votre CV et quand, les messages que leurs recruteurs vous ont envoyés, leurs notes, statuts et
  dossiers.

Les fichiers nommés dans donnees.json (« file_in_archive ») sont dans ce dossier : votre CV, le CV
joint à chaque candidature et les vidéos de vos entretiens.
"""


def candidate_export(*, user) -> IO[bytes]:
    """A zip of ``donnees.json`` (all the candidate's data), a French read-me and every stored file
    (CV, application CVs, video answers), in a temporary file rewound for reading: videos can weigh
    hundreds of megabytes, which must not sit in memory."""
    data, files = _export_contents(user)
    archive_file = tempfile.SpooledTemporaryFile(max_size=EXPORT_MEMORY_BYTES)  # noqa: SIM115 (returned)
    with zipfile.ZipFile(archive_file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("donnees.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr("LISEZMOI.txt", EXPORT_README)
        now = timezone.localtime().timetuple()[:6]
        for item in files:
            info = zipfile.ZipInfo(item.path, date_time=now)
            info.compress_type = zipfile.ZIP_DEFLATED if item.compress else zipfile.ZIP_STORED
            try:
                with item.storage.open(item.name, "rb") as source, archive.open(info, "w") as target:
                    shutil.copyfileobj(source, target, EXPORT_CHUNK_BYTES)
            except FileNotFoundError:
                logger.warning("Export for user %s: the stored file %s is missing", user.pk, item.name)
    archive_file.seek(0)
    return archive_file


def candidate_erase(*, user, password: str) -> None:
    """Delete a candidate's account for good: profile, CV file (once committed) and user.

    The password is asked again so that an open session left behind cannot erase the account.
    """
    if user.role != Role.CANDIDATE:
        raise ValidationError("Seul un compte candidat peut être supprimé ici.", code="not_candidate")
    if not password or not user.check_password(password):
        raise ValidationError({"password": "Mot de passe incorrect : votre compte n'a pas été supprimé."})
    with transaction.atomic():
        profile = CandidateProfile.objects.filter(user=user).first()
        if profile is not None:
            candidate_profile_delete(profile=profile)
        user.delete()
