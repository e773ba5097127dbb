from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting


class RecruiterHomeSettings(BaseSiteSetting):
    """The "Accueil recruteur" page text: four reasons to sign up, edited by staff in the admin."""

    heading = models.CharField("titre", max_length=150, default="4 bonnes raisons de vous inscrire")
    intro = models.TextField(
        "introduction",
        default=(
            "Vous recrutez en région ? Créez gratuitement votre compte recruteur : après une validation "
            "manuelle par notre équipe, vous accédez à l'ensemble des services de la plateforme."
        ),
    )
    reason_1_title = models.CharField(
        "raison 1 : titre", max_length=120, default="Publiez vos offres d'emploi"
    )
    reason_1_text = models.TextField(
        "raison 1 : texte",
        default=(
            "Diffusez vos offres auprès des candidats de la région, suivez les candidatures reçues "
            "et échangez avec les candidats depuis un seul espace."
        ),
    )
    reason_2_title = models.CharField(
        "raison 2 : titre", max_length=120, default="Trouvez des talents dans la CVthèque"
    )
    reason_2_text = models.TextField(
        "raison 2 : texte",
        default=(
            "Recherchez parmi les profils des candidats par métier, compétence ou localisation, "
            "enregistrez vos recherches et soyez prévenu des nouveaux profils."
        ),
    )
    reason_3_title = models.CharField(
        "raison 3 : titre", max_length=120, default="Profitez du matching recruteur"
    )
    reason_3_text = models.TextField(
        "raison 3 : texte",
        default=(
            "À partir de votre offre ou de vos critères, la plateforme vous propose les candidats "
            "les plus pertinents et vous explique pourquoi."
        ),
    )
    reason_4_title = models.CharField(
        "raison 4 : titre", max_length=120, default="Présentez votre entreprise"
    )
    reason_4_text = models.TextField(
        "raison 4 : texte",
        default=(
            "Votre page entreprise met en valeur vos métiers, vos valeurs et vos offres auprès des "
            "candidats qui cherchent un employeur près de chez eux."
        ),
    )
    closing = models.TextField(
        "conclusion",
        default=(
            "Nous procédons à une validation manuelle de chaque compte : vous serez informé par "
            "courriel dès que le vôtre sera validé."
        ),
    )

    panels = [
        MultiFieldPanel([FieldPanel("heading"), FieldPanel("intro")], heading="En-tête"),
        MultiFieldPanel([FieldPanel("reason_1_title"), FieldPanel("reason_1_text")], heading="Raison 1"),
        MultiFieldPanel([FieldPanel("reason_2_title"), FieldPanel("reason_2_text")], heading="Raison 2"),
        MultiFieldPanel([FieldPanel("reason_3_title"), FieldPanel("reason_3_text")], heading="Raison 3"),
        MultiFieldPanel([FieldPanel("reason_4_title"), FieldPanel("reason_4_text")], heading="Raison 4"),
        FieldPanel("closing"),
    ]

    class Meta:
        verbose_name = "accueil recruteur"
        verbose_name_plural = "accueil recruteur"

    @property
    def reasons(self) -> list[tuple[str, str]]:
        return [
            (self.reason_1_title, self.reason_1_text),
            (self.reason_2_title, self.reason_2_text),
            (self.reason_3_title, self.reason_3_text),
            (self.reason_4_title, self.reason_4_text),
        ]
