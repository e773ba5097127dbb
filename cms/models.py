"""Wagtail pages of the public site: the home page, the "Entreprises" index and one page per company."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Collection, Orderable, Page, PagePermissionTester

from portal.reference.text import fold
from portal.reference.video import embed_url
from recruiters.models import Company
from recruiters.services_offers import AUGMENTED_COLLECTION_NAME
from search.offers.forms import OfferSearchForm

from .blocks import RICH_TEXT_FEATURES, CompanyContentBlock, HomeContentBlock
from .choices import BANNER_RULE, DESCRIPTION_MIN_WORDS, LOGO_RULE, SOCIAL_NETWORKS, Benefit
from .forms import BannerChooser, BenefitIconSelect, CompanyPageForm, LogoChooser
from .validators import SocialUrlValidator
from .views.public import company_listing_context, company_page_apply, company_page_context, with_card_data


class HomePage(Page):
    intro = RichTextField("introduction", blank=True, features=RICH_TEXT_FEATURES)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="image d'en-tête",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Décorative : elle s'affiche à côté du titre sur les grands écrans.",
    )
    candidate_text = models.CharField(
        "texte de l'encart candidat",
        max_length=300,
        blank=True,
        default="Créez votre profil, déposez votre CV et laissez les recruteurs de la région vous trouver.",
    )
    recruiter_text = models.CharField(
        "texte de l'encart recruteur",
        max_length=300,
        blank=True,
        default="Publiez vos offres, présentez votre entreprise et trouvez des talents près de chez vous.",
    )
    latest_companies_count = models.PositiveSmallIntegerField(
        "nombre d'entreprises récentes affichées",
        default=6,
        help_text="0 pour masquer la liste des dernières pages entreprise publiées.",
    )
    body = StreamField(HomeContentBlock(), verbose_name="contenu", blank=True, use_json_field=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [FieldPanel("candidate_text"), FieldPanel("recruiter_text")], heading="Encarts d'accès"
        ),
        FieldPanel("latest_companies_count"),
        FieldPanel("body"),
    ]
    max_count = 1

    class Meta:
        verbose_name = "page d'accueil"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        count = self.latest_companies_count
        latest = CompanyPage.objects.live().public().order_by("-first_published_at", "-pk")
        context["latest_companies"] = list(with_card_data(latest)[:count]) if count else []
        # The hero searches offers, as its headline promises; ids prefixed so no other form can clash.
        form = OfferSearchForm(auto_id="home_%s")
        form.fields["commune"].widget.attrs["class"] = "form-control form-control-lg"
        form.fields["commune"].help_text = "Nom de la commune ou code postal."
        context["offer_search_form"] = form
        return context


class CompanyIndexPage(Page):
    """The "Entreprises" listing: published company pages, with search and filters."""

    intro = RichTextField("introduction", blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CompanyPage"]
    max_count = 1

    class Meta:
        verbose_name = "liste des entreprises"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = CompanyPage.objects.live().public().descendant_of(self)
        context.update(company_listing_context(request, pages=pages))
        return context


class CompanyPagePermissionTester(PagePermissionTester):
    """Recruiters edit their page's content; moving, copying or deleting it is left to editorial staff."""

    def _is_editorial(self) -> bool:
        return self.user.is_superuser or "publish" in self.permissions

    def can_delete(self, ignore_bulk=False):
        return self._is_editorial() and super().can_delete(ignore_bulk)

    def can_move(self):
        return self._is_editorial() and super().can_move()

    def can_copy(self):
        return self._is_editorial() and super().can_copy()


def _social_field(network) -> models.URLField:
    return models.URLField(
        network.label,
        max_length=300,
        blank=True,
        validators=[SocialUrlValidator(network.field)],
        help_text=f"Exemple : {network.example}",
    )


class CompanyPage(RoutablePageMixin, Page):
    """The public page of one company, edited by its recruiters and moderated by editorial staff."""

    company = models.OneToOneField(
        Company,
        verbose_name="entreprise",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="page",
    )
    tagline = models.CharField(
        "accroche", max_length=160, blank=True, help_text="Une phrase qui résume l'entreprise (160 caractères)."
    )
    banner = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="bannière",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=f"Obligatoire pour publier : une photo {BANNER_RULE.expected}, en largeur.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=f"Obligatoire pour publier : une image {LOGO_RULE.expected}, de préférence carrée.",
    )
    website = models.URLField("site internet", max_length=300, blank=True)
    description = RichTextField(
        "Nous découvrir",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=f"Obligatoire pour publier : {DESCRIPTION_MIN_WORDS} mots minimum. Présentez votre activité, "
        "vos équipes, votre culture, ce que vivent vos salariés au quotidien.",
    )
    linkedin_url = _social_field(SOCIAL_NETWORKS[0])
    facebook_url = _social_field(SOCIAL_NETWORKS[1])
    instagram_url = _social_field(SOCIAL_NETWORKS[2])
    x_url = _social_field(SOCIAL_NETWORKS[3])
    youtube_url = _social_field(SOCIAL_NETWORKS[4])
    tiktok_url = _social_field(SOCIAL_NETWORKS[5])
    spontaneous_applications_enabled = models.BooleanField(
        "accepter les candidatures spontanées",
        default=False,
        help_text="Un bouton « Postuler spontanément » apparaît sur votre page.",
    )
    spontaneous_applications_email = models.EmailField(
        "adresse qui reçoit les candidatures spontanées",
        blank=True,
        help_text="Elles apparaissent aussi dans votre espace recruteur.",
    )
    body = StreamField(
        CompanyContentBlock(),
        verbose_name="contenu libre",
        blank=True,
        use_json_field=True,
        help_text="Ajoutez ce qui n'a pas trouvé sa place plus haut : vos labels, une citation, des photos…",
    )
    # Folded text of the page for the listing search (see save()); not shown in the editor.
    search_text = models.TextField(blank=True, editable=False)

    base_form_class = CompanyPageForm
    parent_page_types = ["cms.CompanyIndexPage"]
    subpage_types: list[str] = []
    # Pages are created by "Ma page entreprise" (company_page_get_or_create), one per company.
    is_creatable = False

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title", heading="Nom de l'entreprise"),
                    FieldPanel("tagline"),
                    FieldPanel("banner", widget=BannerChooser),
                    FieldPanel("logo", widget=LogoChooser),
                    FieldPanel("website"),
                ],
                heading="Identité",
            ),
            ObjectList(
                [
                    FieldPanel("description", attrs={"data-word-count-min": str(DESCRIPTION_MIN_WORDS)}),
                    MultiFieldPanel(
                        [FieldPanel(network.field) for network in SOCIAL_NETWORKS], heading="Réseaux sociaux"
                    ),
                    InlinePanel(
                        "videos",
                        heading="Vidéos",
                        label="Vidéo",
                        max_num=6,
                        help_text="Liens YouTube ou Dailymotion : collez l'adresse de la vidéo, elle est convertie automatiquement.",
                    ),
                ],
                heading="Nous découvrir",
            ),
            ObjectList(
                [InlinePanel("benefits", heading="Avantages", label="Avantage", max_num=len(Benefit.choices))],
                heading="Avantages",
            ),
            ObjectList(
                [FieldPanel("spontaneous_applications_enabled"), FieldPanel("spontaneous_applications_email")],
                heading="Candidatures spontanées",
            ),
            ObjectList(
                [InlinePanel("news", heading="Actualités", label="Actualité", max_num=30)], heading="Actualité"
            ),
            ObjectList([FieldPanel("body")], heading="Contenu libre"),
            ObjectList(Page.promote_panels, heading="Référencement"),
        ]
    )

    class Meta:
        verbose_name = "page entreprise"
        verbose_name_plural = "pages entreprise"

    def permissions_for_user(self, user):
        return CompanyPagePermissionTester(user, self)

    def clean(self):
        super().clean()
        errors = {}
        for field in ("banner", "logo"):
            image = getattr(self, field)
            if image is not None and not image_usable_by(image, self.company):
                errors[field] = FOREIGN_IMAGE_ERROR
        if errors:
            raise ValidationError(errors)

    def social_links(self) -> list[tuple[str, str]]:
        return [(network.label, getattr(self, network.field)) for network in SOCIAL_NETWORKS if getattr(self, network.field)]

    def save(self, *args, **kwargs):
        company = self.company
        parts = [self.title, self.tagline, strip_tags(self.description or "")]
        if company is not None:
            parts += [company.name, company.commune.name if company.commune_id else ""]
        self.search_text = fold(" ".join(part for part in parts if part))
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(company_page_context(request, page=self))
        return context

    @path("postuler/", name="apply")
    def apply(self, request):
        return company_page_apply(request, page=self)


class CompanyBenefit(Orderable):
    page = ParentalKey(CompanyPage, on_delete=models.CASCADE, related_name="benefits")
    kind = models.CharField("avantage", max_length=32, choices=Benefit.choices)
    detail = models.CharField(
        "en quelques mots", max_length=140, blank=True, help_text="Par exemple « 2 jours par semaine »."
    )

    panels = [FieldPanel("kind", widget=BenefitIconSelect), FieldPanel("detail")]

    class Meta(Orderable.Meta):
        verbose_name = "avantage"

    def __str__(self):
        return self.get_kind_display()


class CompanyVideo(Orderable):
    page = ParentalKey(CompanyPage, on_delete=models.CASCADE, related_name="videos")
    title = models.CharField("titre", max_length=150, help_text="Lu aux personnes qui ne voient pas la vidéo.")
    url = models.CharField(
        "lien YouTube ou Dailymotion",
        max_length=300,
        help_text="Par exemple https://www.youtube.com/watch?v=… ou https://www.dailymotion.com/video/…",
    )

    panels = [FieldPanel("title"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = "vidéo"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        try:
            self.url = embed_url(self.url)
        except ValueError as exc:
            raise ValidationError({"url": str(exc)}) from exc


class CompanyNews(Orderable):
    page = ParentalKey(CompanyPage, on_delete=models.CASCADE, related_name="news")
    date = models.DateField("date", default=timezone.localdate)
    title = models.CharField("titre", max_length=150)
    text = models.TextField("texte", max_length=3000)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("date"), FieldPanel("title"), FieldPanel("text"), FieldPanel("image")]

    class Meta(Orderable.Meta):
        verbose_name = "actualité"
        verbose_name_plural = "actualités"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        page = getattr(self, "page", None)
        if self.image is not None and page is not None and not image_usable_by(self.image, page.company):
            raise ValidationError({"image": FOREIGN_IMAGE_ERROR})


FOREIGN_IMAGE_ERROR = (
    "Cette image appartient à une autre entreprise : choisissez-en une de votre bibliothèque ou envoyez la vôtre."
)


def image_usable_by(image, company: Company | None) -> bool:
    """Whether a company page may show this image: one of the company's own collection, or one the
    project provides (a collection of no company). Images that recruiters uploaded for another
    company, its page or its augmented offers, are not; the choosers offer only allowed ones, this
    also holds for a hand-made request or any other way of saving."""
    lineage = list(image.collection.get_ancestors(inclusive=True))
    own = getattr(getattr(company, "page_access", None), "collection_id", None) if company is not None else None
    if own is not None and any(collection.pk == own for collection in lineage):
        return True
    companies = set(CompanyEditorAccess.objects.values_list("collection_id", flat=True))
    return not any(
        collection.pk in companies or collection.name == AUGMENTED_COLLECTION_NAME for collection in lineage
    )


class CompanyEditorAccess(models.Model):
    """The group and image collection through which a company's recruiters edit its page, and only it.

    Wagtail's own permissions then do the scoping: the group may change that one page (not publish
    it) and add or choose images in that one collection.
    """

    company = models.OneToOneField(Company, on_delete=models.CASCADE, related_name="page_access")
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="company_page_access")
    collection = models.OneToOneField(Collection, on_delete=models.PROTECT, related_name="company_page_access")

    class Meta:
        verbose_name = "accès à une page entreprise"
        verbose_name_plural = "accès aux pages entreprise"

    def __str__(self):
        return str(self.company)
