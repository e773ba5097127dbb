"""The candidate space's menu: the profile editor's sections, shared by every page of the space
(the profile views here, the applications page of search.offers)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    url_name: str
    intro: str


SECTIONS = (
    Section("identite", "Identité et coordonnées", "candidates:identity",
            "Comment les recruteurs vous appellent et vous joignent."),
    Section("recherche", "Ce que je recherche", "candidates:search",
            "Postes, contrats, lieux : ce qui permet de vous proposer les bonnes offres."),
    Section("experiences", "Expériences", "candidates:experiences",
            "Vos postes, du plus récent au plus ancien. Laissez la fin vide pour votre poste actuel."),
    Section("formation", "Formation", "candidates:education", "Vos diplômes et formations."),
    Section("competences", "Compétences et langues", "candidates:skills",
            "Ce que vous savez faire et les langues que vous parlez."),
    Section("cv", "Mon CV", "candidates:cv", "Un fichier PDF, DOCX ou ODT ; vous pouvez le remplacer quand vous voulez."),
    Section("visibilite", "Visibilité dans la CVthèque", "candidates:visibility",
            "Vous décidez si les recruteurs peuvent trouver votre profil."),
)
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}
