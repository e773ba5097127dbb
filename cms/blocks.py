"""StreamField blocks of the public pages. Each renders with a template in templates/cms/blocks/."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Titre", max_length=120)
    level = blocks.ChoiceBlock(
        label="Niveau",
        choices=[("h2", "Titre de section"), ("h3", "Sous-titre")],
        default="h2",
        help_text="Un sous-titre se place sous un titre de section.",
    )

    class Meta:
        icon = "title"
        label = "Titre"
        template = "cms/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Image")
    alt = blocks.CharBlock(
        label="Texte alternatif",
        required=False,
        max_length=200,
        help_text="Ce que montre l'image, pour les personnes qui ne la voient pas. Laissez vide si elle est décorative.",
    )
    caption = blocks.CharBlock(label="Légende", required=False, max_length=200)

    class Meta:
        icon = "image"
        label = "Image"
        template = "cms/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Citation", max_length=600)
    author = blocks.CharBlock(label="Auteur", required=False, max_length=120)
    role = blocks.CharBlock(label="Fonction", required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = "Citation"
        template = "cms/blocks/quote.html"


class LabelBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="Label ou certification", max_length=120)
    year = blocks.IntegerBlock(label="Année d'obtention", required=False, min_value=1950, max_value=2100)
    logo = ImageChooserBlock(label="Logo", required=False)


class LabelsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Titre", default="Labels et certifications", max_length=120)
    items = blocks.ListBlock(LabelBlock(), label="Labels", min_num=1, max_num=20)

    class Meta:
        icon = "tick-inverse"
        label = "Labels et certifications"
        template = "cms/blocks/labels.html"


class CompanyContentBlock(blocks.StreamBlock):
    """Free sections of a company page, after the fixed ones."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="Texte", features=RICH_TEXT_FEATURES, template="cms/blocks/paragraph.html", icon="pilcrow"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    labels = LabelsBlock()


class LinkCardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Titre", max_length=80)
    text = blocks.TextBlock(label="Texte", max_length=300)
    page = blocks.PageChooserBlock(label="Page", required=False)
    url = blocks.URLBlock(label="ou adresse", required=False)
    link_label = blocks.CharBlock(label="Texte du lien", max_length=60, default="En savoir plus")

    class Meta:
        icon = "link"
        label = "Carte"


class CardsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Titre", required=False, max_length=120)
    cards = blocks.ListBlock(LinkCardBlock(), label="Cartes", min_num=1, max_num=6)

    class Meta:
        icon = "grip"
        label = "Cartes"
        template = "cms/blocks/cards.html"


class FeaturedCompaniesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Titre", default="Entreprises à la une", max_length=120)
    companies = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="cms.CompanyPage", label="Page entreprise"),
        label="Entreprises",
        min_num=1,
        max_num=12,
    )

    class Meta:
        icon = "site"
        label = "Entreprises à la une"
        template = "cms/blocks/featured_companies.html"


class HomeContentBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="Texte", features=RICH_TEXT_FEATURES, template="cms/blocks/paragraph.html", icon="pilcrow"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    cards = CardsBlock()
    featured_companies = FeaturedCompaniesBlock()
