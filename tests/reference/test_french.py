"""The French typography helpers and their template filters."""

import pytest
from django.template import Context, Template

from portal.reference import french

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ateliers des Volcans", "d'Ateliers des Volcans"),
        ("Élodie", "d'Élodie"),
        ("Èze Immobilier", "d'Èze Immobilier"),
        ("Île-de-France Mobilités", "d'Île-de-France Mobilités"),
        ("Ôtel Design", "d'Ôtel Design"),
        ("Âge d'or Services", "d'Âge d'or Services"),
        ("Œuvres sociales", "d'Œuvres sociales"),
        ("Ursule", "d'Ursule"),
        ("IKEA", "d'IKEA"),
        ("  Inès", "d'Inès"),
        ("Yves", "d'Yves"),
        ("Yannick", "de Yannick"),
        ("Hélène", "d'Hélène"),
        ("Hôtel-Dieu du Puy", "d'Hôtel-Dieu du Puy"),
        ("Hauts de Loire Transports", "de Hauts de Loire Transports"),
        ("Hugues", "d'Hugues"),
        ("Vivier", "de Vivier"),
        ("Fonderie du Puy", "de Fonderie du Puy"),
        ("3M France", "de 3M France"),
        ("« Les Halles »", "de « Les Halles »"),
    ],
)
def test_de_elides_before_a_vowel_sound(name, expected):
    assert french.de(name) == expected


def test_other_words_elide_and_keep_their_capital():
    assert french.que("Élodie") == "qu'Élodie"
    assert french.elide("le", "Atelier Martin") == "l'Atelier Martin"
    assert french.elide("la", "Usine Nord") == "l'Usine Nord"
    assert french.elide("De", "Ateliers") == "D'Ateliers"
    assert french.elision("de", "Ateliers") == "d'"
    assert french.elision("de", "Vivier") == "de "
    # A word that never elides in French is kept as it is.
    assert french.elide("pour", "Ateliers") == "pour Ateliers"


@pytest.mark.parametrize(
    ("count", "singular"), [(0, True), (1, True), (1.5, True), ("1", True), (2, False), (10, False), (-3, False)]
)
def test_zero_and_one_are_singular(count, singular):
    assert french.is_plural(count) is not singular
    assert french.plural_suffix(count) == ("" if singular else "s")


def test_counted_agrees_the_noun():
    assert french.counted(0, "étape") == "0 étape"
    assert french.counted(1, "étape") == "1 étape"
    assert french.counted(2, "étape") == "2 étapes"
    assert french.counted(2, "nouvel élément", "nouveaux éléments") == "2 nouveaux éléments"
    assert french.counted(1200, "page") == f"1{NBSP}200 pages"
    assert french.plural_suffix(3, "al,aux") == "aux" and french.plural_suffix(1, "al,aux") == "al"


def test_numbers_and_amounts_use_no_break_spaces():
    assert french.euros(47000) == f"47{NBSP}000{NBSP}€"
    assert french.euros("32000") == f"32{NBSP}000{NBSP}€"
    assert french.euros(1999.5) == f"1{NBSP}999,50{NBSP}€"
    assert french.euros(None) == "" and french.euros("") == ""
    assert french.number(1234567) == f"1{NBSP}234{NBSP}567"
    assert french.number(1.5) == "1,5"
    assert french.number(-1200) == f"-1{NBSP}200"
    assert french.euro_range(30000, 35000) == f"30{NBSP}000{NBSP}€ à 35{NBSP}000{NBSP}€"
    assert french.euro_range(30000, 30000) == f"30{NBSP}000{NBSP}€"
    assert french.euro_range(30000, None) == f"à partir de 30{NBSP}000{NBSP}€"
    assert french.euro_range(None, 35000) == f"jusqu'à 35{NBSP}000{NBSP}€"
    assert french.euro_range(None, None) == ""


def test_phone_numbers_are_grouped_by_two():
    assert french.phone("+33612345678") == "06 12 34 56 78"
    assert french.phone("+33473123456") == "04 73 12 34 56"
    assert french.phone("+442079460958") == "+44 20 7946 0958"
    assert french.phone("") == ""
    assert french.phone("pas un numéro") == "pas un numéro"


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_filters_are_available_in_every_template_and_escape_names():
    assert render("l'équipe {{ name|de }}", name="Ateliers des Volcans") == "l'équipe d&#x27;Ateliers des Volcans"
    assert render("{{ name|de }}", name="Élodie & <Cie>") == "d&#x27;Élodie &amp; &lt;Cie&gt;"
    assert render("{% autoescape off %}{{ name|de }}{% endautoescape %}", name="Élodie") == "d'Élodie"
    assert render('{{ name|elision:"de" }}<strong>{{ name }}</strong>', name="Ateliers") == (
        "d&#x27;<strong>Ateliers</strong>"
    )
    assert render("{{ n }} étape{{ n|plural }}", n=0) == "0 étape"
    assert render('{{ n|counted:"nouvel élément,nouveaux éléments" }}', n=2) == "2 nouveaux éléments"
    assert render("{{ low|euro_range:high }}", low=30000, high=35000) == f"30{NBSP}000{NBSP}€ à 35{NBSP}000{NBSP}€"
    assert render("{{ amount|euros }}", amount=47000) == f"47{NBSP}000{NBSP}€"
    assert render("{{ value|phone }}", value="+33612345678") == "06 12 34 56 78"
