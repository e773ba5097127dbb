"""Checks of company pages: social links, the real content of images, the description's length, and the
rules a page must meet to be published (drafts may be incomplete)."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.html import strip_tags
from PIL import UnidentifiedImageError

from .choices import BANNER_RULE, DESCRIPTION_MIN_WORDS, LOGO_RULE, SOCIAL_NETWORKS_BY_FIELD, ImageRule
from .images import published_image, read_image_source, source_problem

_WORDISH = re.compile(r"\w", re.UNICODE)
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|blockquote)>|<br\s*/?>", re.IGNORECASE)


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


def image_problem(image, rule: ImageRule) -> str | None:
    """What keeps a Wagtail image from being this rule's published image, in French; None when it fits.

    The source must be a JPG or PNG at least as large as the rule (read from the file itself); the
    published rendition, cropped and encoded from it, must then be exactly the rule's size and weigh
    no more than its limit (it is made here on the first check, and kept).
    """
    problem = source_problem(read_image_source(image), rule)
    if problem:
        return problem
    try:
        published = published_image(image, rule)
    except (OSError, UnidentifiedImageError, ValueError):
        return f"{rule.label} n'a pas pu être {rule.agreed('préparé')} : envoyez {rule.expected_source}."
    if (published.width, published.height) != (rule.width, rule.height) or published.size > rule.max_bytes:
        return (
            f"{rule.label} {rule.agreed('publié')} ferait {published.width}×{published.height} px et {published.kb} Ko ; "
            f"attendu : {rule.published}. Envoyez une autre image."
        )
    return None


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
            errors[field] = [f"Ajoutez {rule.noun} ({rule.expected}) pour publier la page."]
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
