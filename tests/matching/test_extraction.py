"""Criteria extraction from realistic offers in TXT, PDF (reportlab), DOCX (python-docx) and ODT."""

import pytest
from django.core.exceptions import ValidationError

from matching.extraction import criteria_from_file, criteria_from_text, text_from_file
from portal.reference.models import PostalCode
from tests.factories import CandidateProfileFactory, CommuneFactory, DepartmentFactory, LanguageFactory
from tests.factories.candidates import docx_bytes, odt_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

CONTROLEUR = [
    "Contrôleur de gestion H/F",
    "Lieu : Clermont-Ferrand (63)",
    "Type de contrat : CDI - Temps plein",
    "Au sein de la direction financière, vous construisez le budget et le reporting mensuel.",
    "Profil : Bac+5 en finance ou école de commerce, 3 ans d'expérience minimum sur un poste similaire.",
    "Maîtrise d'Excel et de SAP indispensable ; Power BI apprécié.",
    "Anglais courant (B2 minimum) ; l'allemand serait un plus.",
]

AIDE_SOIGNANTE = [
    "Aide-soignante / Aide-soignant de nuit",
    "Poste basé à Riom",
    "CDD de 6 mois, temps partiel (80 %)",
    "Diplôme d'État d'aide-soignant exigé (niveau CAP/BEP accepté), débutant accepté.",
    "Compétences : hygiène, HACCP, relation client.",
]

TECHNICIENNE = [
    "Offre d'emploi : Technicienne de maintenance industrielle",
    "Entreprise de plasturgie, site de Vichy 03200.",
    "Contrat : intérim longue durée, 35h.",
    "BTS Maintenance des systèmes ou DUT GEII ; expérience de 2 ans en maintenance.",
    "Habilitation électrique requise, GMAO, soudure.",
]


@pytest.fixture(autouse=True)
def reference():
    CommuneFactory()  # Clermont-Ferrand (63113)
    CommuneFactory(insee="63300", name="Riom", latitude=45.8936, longitude=3.1126)
    vichy = CommuneFactory(insee="03310", name="Vichy", latitude=46.1277, longitude=3.426,
                           department=DepartmentFactory(code="03", name="Allier"))
    PostalCode.objects.create(code="03200", commune=vichy)
    LanguageFactory(code="en", name="Anglais")
    LanguageFactory(code="de", name="Allemand")
    LanguageFactory(code="fr", name="Français")
    CandidateProfileFactory(skills=["GMAO", "Hygiène", "Budget"])


def test_controleur_de_gestion_in_txt():
    criteria = criteria_from_file("\n".join(CONTROLEUR).encode("utf-8"), "offre.txt")
    assert criteria["job_titles"] == ["Contrôleur de gestion"]
    assert criteria["commune"] == "63113"
    assert criteria["contract_types"] == ["CDI"]
    assert criteria["working_time"] == "FULL_TIME"
    assert criteria["diploma_level"] == 7
    assert criteria["min_years"] == 3
    assert {"Excel", "SAP", "Power BI", "Budget", "Reporting"} <= set(criteria["skills"])
    assert criteria["languages"] == [{"code": "en", "level": "B2"}, {"code": "de", "level": None}]


def test_feminine_title_in_pdf():
    criteria = criteria_from_file(pdf_bytes(*AIDE_SOIGNANTE), "offre.pdf")
    assert criteria["job_titles"][0] == "Aide-soignant"
    assert criteria["commune"] == "63300"
    assert criteria["contract_types"] == ["CDD"]
    assert criteria["working_time"] == "PART_TIME"
    assert criteria["diploma_level"] == 3
    assert "min_years" not in criteria
    assert {"Hygiène", "HACCP", "Relation client"} <= set(criteria["skills"])


def test_technicienne_in_docx_and_odt():
    for data in (docx_bytes(*TECHNICIENNE), odt_bytes(*TECHNICIENNE)):
        criteria = criteria_from_file(data, "offre")
        assert criteria["job_titles"][0] == "Technicien de maintenance industrielle"
        assert criteria["commune"] == "03310"
        assert criteria["contract_types"] == ["INTERIM"]
        assert criteria["working_time"] == "FULL_TIME"
        assert criteria["diploma_level"] == 5
        assert criteria["min_years"] == 2
        assert {"Habilitation électrique", "GMAO", "Soudure"} <= set(criteria["skills"])


def test_text_without_criteria_gives_an_empty_mapping():
    assert criteria_from_text("Rejoignez une équipe sympathique !") == {}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Le fichier est vide."),
        (b"x" * (2 * 1024 * 1024 + 1), "Le fichier dépasse 2 Mo"),
        (b"\x00\x01binary" * 10, "Format non reconnu"),
        (b"%PDF-1.4 broken", "endommagé ou illisible"),
    ],
)
def test_bad_files_are_refused_in_french(data, message):
    with pytest.raises(ValidationError) as caught:
        text_from_file(data, "offre")
    assert message in " ".join(caught.value.messages)


def test_blank_text_is_refused():
    with pytest.raises(ValidationError, match="vide"):
        criteria_from_text("   \n  ")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"Soudeur TIG, CDI, Clermont-Ferrand.", "offre.pdf", "« offre.pdf » n'est pas un PDF : c'est un texte."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "offre.docx", "« offre.docx » n'est pas un document Word (DOCX)."),
        (b"%PDF-1.4 whatever", "offre.txt", "« offre.txt » n'est pas un texte : c'est un PDF."),
        (b"Soudeur", "offre.jpg", "Les fichiers .jpg ne sont pas pris en charge."),
    ],
)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(data, name, message):
    with pytest.raises(ValidationError) as caught:
        text_from_file(data, name)
    assert message in " ".join(caught.value.messages)


def test_names_that_match_their_content_are_read():
    assert "Soudeur" in text_from_file("Soudeur TIG à Riom".encode(), "offre.TXT")
    assert "Soudeur" in text_from_file("Soudeur TIG à Riom".encode(), "offre sans extension")
    assert text_from_file(docx_bytes(*TECHNICIENNE), "Offre.DOCX")
