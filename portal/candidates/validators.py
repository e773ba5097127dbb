"""Validators of multi-valued profile fields (stored as JSON lists) and of phone numbers."""

from __future__ import annotations

from datetime import date

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible

from .choices import MAX_LIST_ITEMS, MAX_SHORT_TEXT


@deconstructible
class ChoiceListValidator:
    """A JSON list whose items are all values of ``choices`` (a TextChoices class), without repeats."""

    def __init__(self, choices):
        self.choices = choices

    def __call__(self, value):
        if not isinstance(value, list):
            raise ValidationError("Une liste de valeurs est attendue.", code="not_a_list")
        allowed = dict(self.choices.choices)
        for item in value:
            if item not in allowed:
                raise ValidationError(
                    "« %(item)s » n'est pas une valeur possible (%(allowed)s).",
                    code="invalid_item",
                    params={"item": item, "allowed": ", ".join(allowed)},
                )
        if len(set(value)) != len(value):
            raise ValidationError("Une même valeur figure deux fois.", code="duplicate")

    def __eq__(self, other):
        return isinstance(other, ChoiceListValidator) and self.choices is other.choices


@deconstructible
class StringListValidator:
    """A JSON list of non-empty strings of bounded length and count."""

    def __init__(self, max_items=MAX_LIST_ITEMS, max_length=MAX_SHORT_TEXT):
        self.max_items = max_items
        self.max_length = max_length

    def __call__(self, value):
        if not isinstance(value, list):
            raise ValidationError("Une liste de valeurs est attendue.", code="not_a_list")
        if len(value) > self.max_items:
            raise ValidationError(
                "%(max)s éléments au plus.", code="too_many", params={"max": self.max_items}
            )
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise ValidationError("Chaque élément doit être un texte non vide.", code="empty_item")
            if len(item) > self.max_length:
                raise ValidationError(
                    "« %(item)s… » dépasse %(max)s caractères.",
                    code="item_too_long",
                    params={"item": item[:30], "max": self.max_length},
                )

    def __eq__(self, other):
        return (
            isinstance(other, StringListValidator)
            and self.max_items == other.max_items
            and self.max_length == other.max_length
        )


def normalize_phone(raw: str) -> str:
    """Return the E.164 form of a French or international number, or raise ValidationError."""
    try:
        number = phonenumbers.parse(raw, "FR")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            "Numéro de téléphone non reconnu : « %(raw)s ».", code="invalid_phone", params={"raw": raw}
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            "Numéro de téléphone non valide : « %(raw)s ».", code="invalid_phone", params={"raw": raw}
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_phone(value: str) -> None:
    if value:
        normalize_phone(value)


def clean_string_list(values) -> list[str]:
    """Strip items, drop empty ones and repeats (case-insensitive), keep the order."""
    seen: set[str] = set()
    cleaned = []
    for value in values:
        item = " ".join(str(value).split())
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            cleaned.append(item)
    return cleaned


def validate_started_month(value: date) -> None:
    """An experience starts in the current month at the latest (the site's calendar, Europe/Paris)."""
    if value > timezone.localdate().replace(day=1):
        raise ValidationError("Ce mois n'est pas encore arrivé.", code="future_month")
