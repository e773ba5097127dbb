"""Constants of the public pages: company benefits, social networks and the image rules of company pages."""

from dataclasses import dataclass

from django.db import models


class Benefit(models.TextChoices):
    REMOTE_WORK = "teletravail", "Télétravail"
    FLEXIBLE_HOURS = "horaires_flexibles", "Horaires flexibles"
    MEAL_VOUCHERS = "tickets_restaurant", "Tickets restaurant"
    HEALTH_INSURANCE = "mutuelle", "Mutuelle"
    PROFIT_SHARING = "interessement", "Prime / intéressement"
    TRAINING = "formation", "Formation"
    CHILDCARE = "creche", "Crèche"
    SPORT = "sport", "Sport"
    PARKING = "parking", "Parking"
    WORKS_COUNCIL = "comite_entreprise", "Comité d'entreprise"
    TRANSPORT = "transport", "Transports pris en charge"
    EXTRA_LEAVE = "conges", "Congés supplémentaires"


@dataclass(frozen=True)
class SocialNetwork:
    field: str
    label: str
    # Registrable domains; their sub-domains (www., fr., m.) are accepted too.
    domains: tuple[str, ...]
    example: str


SOCIAL_NETWORKS = (
    SocialNetwork("linkedin_url", "LinkedIn", ("linkedin.com",), "https://www.linkedin.com/company/votre-entreprise"),
    SocialNetwork("facebook_url", "Facebook", ("facebook.com", "fb.com"), "https://www.facebook.com/votre-entreprise"),
    SocialNetwork("instagram_url", "Instagram", ("instagram.com",), "https://www.instagram.com/votre-entreprise"),
    SocialNetwork("x_url", "X (Twitter)", ("x.com", "twitter.com"), "https://x.com/votre-entreprise"),
    SocialNetwork("youtube_url", "YouTube", ("youtube.com",), "https://www.youtube.com/@votre-entreprise"),
    SocialNetwork("tiktok_url", "TikTok", ("tiktok.com",), "https://www.tiktok.com/@votre-entreprise"),
)
SOCIAL_NETWORKS_BY_FIELD = {network.field: network for network in SOCIAL_NETWORKS}


@dataclass(frozen=True)
class ImageRule:
    """An image a company page publishes: exactly width×height px and at most max_bytes.

    The recruiter sends any JPG or PNG at least that large; the published rendition is cropped
    around its focal point and encoded under the weight (cms.images).
    """

    label: str  # how messages start about it: "La bannière"
    noun: str  # how messages name it: "une bannière"
    width: int
    height: int
    max_bytes: int
    feminine: bool = False  # for the words that agree with it: « recadrée », « publiée »
    # A PNG stays PNG when it fits (a transparent logo); anything else is published as a JPEG.
    keep_png: bool = False
    # Read from the content; MPO is the JPEG of some cameras.
    formats: tuple[str, ...] = ("JPEG", "MPO", "PNG")

    def agreed(self, word: str) -> str:
        """A participle agreeing with the image: « préparé » -> « préparée » for the banner."""
        return f"{word}e" if self.feminine else word

    @property
    def max_kb(self) -> int:
        return self.max_bytes // 1024

    @property
    def size(self) -> str:
        return f"{self.width}×{self.height} px"

    @property
    def expected_source(self) -> str:
        return f"une image JPG ou PNG d'au moins {self.size}"

    @property
    def expected(self) -> str:
        """What to send, for help texts and messages: « JPG ou PNG d'au moins 1900×1000 px »."""
        return f"JPG ou PNG d'au moins {self.size}"

    @property
    def published(self) -> str:
        return f"{self.size}, {self.max_kb} Ko maximum"

    @property
    def rendition_spec(self) -> str:
        """Wagtail filter spec of the published image (``exactfill`` and ``maxweight``: cms.images)."""
        return f"exactfill-{self.width}x{self.height}|maxweight-{self.max_kb}" + ("-png" if self.keep_png else "")


BANNER_RULE = ImageRule("La bannière", "une bannière", 1900, 1000, 100 * 1024, feminine=True)
LOGO_RULE = ImageRule("Le logo", "un logo", 190, 190, 50 * 1024, keep_png=True)
IMAGE_RULES = {"banniere": BANNER_RULE, "logo": LOGO_RULE}
DESCRIPTION_MIN_WORDS = 150

COMPANY_PAGES_PER_PAGE = 12
MODERATION_WORKFLOW_NAME = "Modération des pages entreprise"
MODERATION_TASK_NAME = "Relecture par l'équipe éditoriale"
COMPANY_INDEX_TITLE = "Entreprises"
COMPANY_INDEX_SLUG = "entreprises"
