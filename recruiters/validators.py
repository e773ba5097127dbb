"""Normalisation and checks for SIREN numbers and French phone numbers, shared by forms, services and models."""

import phonenumbers
from django.core.exceptions import ValidationError
from stdnum import exceptions as stdnum_exceptions
from stdnum.fr import siren as stdnum_siren

from portal.reference import french

SIREN_HELP = "9 chiffres, espaces acceptés (par exemple 732 829 320)."


def normalize_siren(value: str) -> str:
    """Return the 9 digits of a SIREN typed with spaces, dots or dashes; French error otherwise."""
    compact = stdnum_siren.compact((value or "").replace("-", " "))
    if not compact:
        raise ValidationError("Indiquez le numéro SIREN de l'entreprise.", code="siren_required")
    if not compact.isdigit():
        raise ValidationError(
            "Le numéro SIREN ne doit contenir que des chiffres (9 chiffres, espaces acceptés).",
            code="siren_format",
        )
    if len(compact) != 9:
        raise ValidationError(
            f"Le numéro SIREN compte 9 chiffres ; vous en avez saisi {len(compact)}.", code="siren_length"
        )
    try:
        stdnum_siren.validate(compact)
    except stdnum_exceptions.ValidationError as exc:
        raise ValidationError(
            "Ce numéro SIREN n'est pas valide : sa clé de contrôle ne correspond pas. "
            "Vérifiez-le sur un extrait Kbis ou sur annuaire-entreprises.data.gouv.fr.",
            code="siren_checksum",
        ) from exc
    return compact


def validate_siren(value: str) -> None:
    if normalize_siren(value) != value:
        raise ValidationError("Le numéro SIREN doit être enregistré sous la forme de 9 chiffres.", code="siren_format")


def siren_check(value: str) -> tuple[bool, str]:
    """(is_valid, French explanation) for the moderation screens."""
    try:
        normalize_siren(value)
    except ValidationError as exc:
        return False, exc.messages[0]
    return True, "Format et clé de contrôle (algorithme de Luhn) valides."


def format_siren(value: str) -> str:
    return f"{value[:3]} {value[3:6]} {value[6:]}" if len(value or "") == 9 else value


def normalize_phone(value: str) -> str:
    """Return a French (or international) phone number in E.164 form (+33612345678)."""
    raw = (value or "").strip()
    if not raw:
        raise ValidationError("Indiquez un numéro de téléphone.", code="phone_required")
    try:
        number = phonenumbers.parse(raw, "FR")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            "Ce numéro de téléphone n'est pas reconnu. Saisissez par exemple 04 73 12 34 56 ou +33 4 73 12 34 56.",
            code="phone_invalid",
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            "Ce numéro de téléphone n'est pas valide. Saisissez par exemple 04 73 12 34 56 ou +33 4 73 12 34 56.",
            code="phone_invalid",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_e164_phone(value: str) -> None:
    if value and normalize_phone(value) != value:
        raise ValidationError("Le numéro de téléphone doit être enregistré au format international (+33…).",
                              code="phone_format")


# Shown the way every phone number of the site is (04 73 12 34 56).
format_phone = french.phone
