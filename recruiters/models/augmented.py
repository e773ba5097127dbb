"""Augmented offers: media a company adds to those of its offers that meet some conditions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from portal.candidates.validators import ChoiceListValidator, StringListValidator
from portal.reference.choices import ContractType
from portal.reference.models import Commune
from portal.reference.video import embed_url

from ..choices import AugmentedMediaType, AugmentedPlacement
from .companies import Company
from .offers import JobOffer


class AugmentedOfferRule(ClusterableModel):
    company = models.ForeignKey(
        Company, verbose_name="entreprise", on_delete=models.CASCADE, related_name="augmented_rules"
    )
    name = models.CharField("nom", max_length=150, help_text="Par exemple « diaporama collaborateurs ».")
    placement = models.CharField(
        "emplacement",
        max_length=24,
        choices=AugmentedPlacement.choices,
        default=AugmentedPlacement.AFTER_DESCRIPTION,
    )
    media_type = models.CharField("type", max_length=16, choices=AugmentedMediaType.choices)
    # Conditions: an empty condition does not filter; no condition at all means every offer.
    communes = models.ManyToManyField(Commune, verbose_name="lieux", blank=True, related_name="+")
    contract_types = models.JSONField(
        "types de contrat", default=list, blank=True, validators=[ChoiceListValidator(ContractType)]
    )
    keywords = models.JSONField(
        "intitulés ou mots-clés", default=list, blank=True, validators=[StringListValidator(max_items=30)]
    )
    offers = models.ManyToManyField(JobOffer, verbose_name="offres précises", blank=True, related_name="+")
    # Stored as the player URL produced by portal.reference.video.embed_url.
    video_url = models.URLField("lien de la vidéo", max_length=500, blank=True)
    active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField("créée le", default=timezone.now)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "offre augmentée"
        verbose_name_plural = "offres augmentées"
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.media_type == AugmentedMediaType.VIDEO:
            try:
                self.video_url = embed_url(self.video_url)
            except ValueError as exc:
                raise ValidationError({"video_url": str(exc)}) from exc
        else:
            self.video_url = ""


class AugmentedOfferImage(Orderable):
    rule = ParentalKey(AugmentedOfferRule, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="image", on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField("légende", max_length=200, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"
