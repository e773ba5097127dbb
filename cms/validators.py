"""Checks of company pages: social links, the real content of images, the description's length, and the
rules a page must meet to be published (drafts may be incomplete)."""

from __future__ import annotations

import html
import math
import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.html import strip_tags
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from .choices import BANNER_RULE, DESCRIPTION_MIN_WORDS, LOGO_RULE, SOCIAL_NETWORKS_BY_FIELD, ImageRule

_WORDISH = re.compile(r"\w", re.UNICODE)
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|blockquote)>|<br\s*/?>", re.IGNORECASE)

FORMAT_LABELS = {"JPEG": "JPG", "MPO": "JPG"}


def word_count(text: str) -> int:
    """Words of a text or rich-text HTML: runs of non-space characters holding a letter or a digit.

    The editor's live counter (static/cms/company-page-editor.js) counts the same way, so that the
    number the recruiter sees is the number the check uses.
    """
    plain = html.unescape(strip_tags(_BLOCK_END.sub(" ", text or "")))
    return sum(1 for token in plain.split() if _WORDISH.search(token))


@deconstructible
class SocialUrlValidator:
    """The URL must be a page of the given network (e.g. linkedin.com/company/...), not another site."""

    def __init__(self, field: str):
        self.field = field

    def __call__(self, value: str):
        network = SOCIAL_NETWORKS_BY_FIELD[self.field]
        try:
            parts = urlsplit(value.strip())
            host = (parts.hostname or "").lower().rstrip(".")
        except ValueError as exc:
            raise ValidationError(f"Ce lien n'est pas une adresse web valide. Exemple : {network.example}") from exc
        if parts.scheme not in {"http", "https"} or not host:
            raise ValidationError(f"Ce lien n'est pas une adresse web valide. Exemple : {network.example}")
        if not any(host == domain or host.endswith("." + domain) for domain in network.domains):
            raise ValidationError(
                f"Ce lien mène à {host}, pas à {network.label}. Indiquez l'adresse de votre page "
                f"{network.label}, par exemple {network.example}"
            )
        if parts.path.strip("/") == "":
            raise ValidationError(
                f"Indiquez l'adresse de votre page {network.label}, pas seulement celle du site : "
                f"par exemple {network.example}"
            )

    def __eq__(self, other):
        return isinstance(other, SocialUrlValidator) and other.field == self.field


def _kb(size: int) -> int:
    return max(1, math.ceil(size / 1024))


def image_problem(image, rule: ImageRule) -> str | None:
    """What is wrong with a Wagtail image for this rule, read from the file itself; None when it fits.

    The message states what was found and what is expected, e.g. « La bannière ne convient pas :
    PNG, 1920×1080 px, 240 Ko ; attendu : JPG ou PNG, 1900×1000 px, 100 Ko maximum. »
    """
    try:
        with image.open_file() as handle:
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(0)
            with PILImage.open(handle) as picture:
                image_format = picture.format or "?"
                width, height = picture.size
    except (OSError, UnidentifiedImageError, ValueError):
        return f"{rule.label} est illisible : envoyez une image {rule.expected}."
    fits = image_format in rule.formats and (width, height) == (rule.width, rule.height) and size <= rule.max_bytes
    if fits:
        return None
    found = f"{FORMAT_LABELS.get(image_format, image_format)}, {width}×{height} px, {_kb(size)} Ko"
    return f"{rule.label} ne convient pas : {found} ; attendu : {rule.expected}."


def publication_errors(
    *,
    banner,
    logo,
    description: str,
    spontaneous_applications_enabled: bool = False,
    spontaneous_applications_email: str = "",
) -> dict[str, list[str]]:
    """Everything that keeps a company page from being published, by field (empty: publishable)."""
    errors: dict[str, list[str]] = {}
    for field, image, rule in (("banner", banner, BANNER_RULE), ("logo", logo, LOGO_RULE)):
        if image is None:
            noun = rule.label.split(" ", 1)[1]
            errors[field] = [f"Ajoutez {'une' if rule is BANNER_RULE else 'un'} {noun} ({rule.expected}) pour publier la page."]
        else:
            problem = image_problem(image, rule)
            if problem:
                errors[field] = [problem]
    words = word_count(description)
    if words < DESCRIPTION_MIN_WORDS:
        errors["description"] = [
            f"La présentation « Nous découvrir » compte {words} mot{'s' if words > 1 else ''} : "
            f"{DESCRIPTION_MIN_WORDS} mots minimum pour publier la page."
        ]
    if spontaneous_applications_enabled and not (spontaneous_applications_email or "").strip():
        errors["spontaneous_applications_email"] = [
            "Indiquez l'adresse électronique qui recevra les candidatures spontanées, ou désactivez-les."
        ]
    return errors
