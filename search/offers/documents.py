from django.utils.html import strip_tags

from recruiters.models import JobOffer


def offer_plain_text(offer: JobOffer) -> str:
    parts = [
        strip_tags(offer.description),
        strip_tags(offer.missions),
        strip_tags(offer.profile_sought),
        " ".join(offer.skills),
        offer.diploma_field,
    ]
    return "\n".join(part for part in parts if part)
