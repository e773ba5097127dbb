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
    label: str  # how messages name the image: "La bannière"
    width: int
    height: int
    max_bytes: int
    formats: tuple[str, ...] = ("JPEG", "PNG")

    @property
    def max_kb(self) -> int:
        return self.max_bytes // 1024

    @property
    def expected(self) -> str:
        return f"JPG ou PNG, {self.width}×{self.height} px, {self.max_kb} Ko maximum"


BANNER_RULE = ImageRule("La bannière", 1900, 1000, 100 * 1024)
LOGO_RULE = ImageRule("Le logo", 190, 190, 50 * 1024)
DESCRIPTION_MIN_WORDS = 150

COMPANY_PAGES_PER_PAGE = 12
MODERATION_WORKFLOW_NAME = "Modération des pages entreprise"
MODERATION_TASK_NAME = "Relecture par l'équipe éditoriale"
COMPANY_INDEX_TITLE = "Entreprises"
COMPANY_INDEX_SLUG = "entreprises"
