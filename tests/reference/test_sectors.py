"""The NAF sector picker's server side: the search rules, the widget's markup and the fields' cleaning."""

import pytest
from django import forms
from django.http import QueryDict

from portal.reference.forms import TypedText
from portal.reference.forms_sectors import PickedSectors, SectorField, SectorMultipleField
from portal.reference.models import NafSector
from portal.reference.sectors import (
    query_tokens,
    sector_code,
    sector_label,
    sector_resolve,
    sector_search,
    sectors_named,
)
from tests.reference.naf import NAF_RECORDS, naf_sectors_create


def codes(sectors):
    return [sector.code for sector in sectors]


@pytest.mark.parametrize(
    ("query", "tokens"),
    [
        ("Boulangerie-PÂTISSERIE", ["boulangerie", "patisserie"]),
        ("  d’applications  ", ["d", "applications"]),
        ("10.71C", ["1071c"]),
        ("Œuvres", ["oeuvres"]),
        ("", []),
        ("—", []),
    ],
)
def test_query_tokens_ignore_accents_case_and_the_dot_of_codes(query, tokens):
    assert query_tokens(query) == tokens


@pytest.mark.parametrize(
    ("text", "code"),
    [("10.71C", "10.71C"), ("10.71c", "10.71C"), ("1071c", "10.71C"), (" 62.01Z ", "62.01Z"), ("10.7", None),
     ("conseil", None), ("", None)],
)
def test_sector_code(text, code):
    assert sector_code(text) == code


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("boulang", ["10.71B", "10.71C"]),
        ("BOULANG", ["10.71B", "10.71C"]),
        ("pâtisserie boulangerie", ["10.71C"]),  # several words, in any order
        ("patisserie boulangerie", ["10.71C"]),  # accents ignored
        ("informatique", ["46.51Z", "62.01Z", "62.02A", "62.02B", "62.03Z", "62.09Z", "77.33Z"]),
        ("10.71", ["10.71A", "10.71B", "10.71C", "10.71D"]),
        ("1071c", ["10.71C"]),
        ("62", ["62.01Z", "62.02A", "62.02B", "62.03Z", "62.09Z"]),
        ("coiffure 96", ["96.02A"]),  # a word and the start of a code
        ("angerie", []),  # the start of a word, not its middle
        ("zzz", []),
        ("", []),
    ],
)
def test_search_by_name_or_code_in_naf_order(query, expected):
    assert codes(sector_search(query, NAF_RECORDS)) == expected


def test_words_of_the_section_label_find_the_whole_section_own_labels_first():
    found = sector_search("pêche", NAF_RECORDS)
    # Every sector of "Agriculture, sylviculture et pêche", the two named "Pêche" first.
    assert {sector.section for sector in found} == {"A"}
    assert len(found) == sum(1 for record in NAF_RECORDS if record.section == "A")
    assert codes(found[:2]) == ["03.11Z", "03.12Z"]
    assert codes(sector_search("agriculture", NAF_RECORDS))[:2] == ["01.11Z", "01.12Z"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.71c", ["10.71C"]),
        ("Boulangerie et boulangerie-pâtisserie (10.71C)", ["10.71C"]),  # what the picker shows once chosen
        ("boulangerie et boulangerie patisserie", ["10.71C"]),  # the exact name
        ("Programmation informatique", ["62.01Z"]),
        ("pêche en mer", ["03.11Z"]),
        ("coiffure", ["96.02A"]),
        ("boulang", ["10.71B", "10.71C"]),
        ("99.99Z", []),
        ("xyz", []),
        ("\x00", []),
        ("", []),
    ],
)
def test_resolve_what_was_typed_without_picking(text, expected):
    assert codes(sector_resolve(text, NAF_RECORDS))[:2] == expected


def test_sector_label():
    record = next(record for record in NAF_RECORDS if record.code == "10.71C")
    assert sector_label(record) == "Boulangerie et boulangerie-pâtisserie (10.71C)"


class SectorsForm(forms.Form):
    sector = SectorField(label="Secteur", empty_label="Tous", required=False)
    sectors = SectorMultipleField(label="Secteurs d'activité", required=False)


@pytest.fixture
def naf(db):
    return naf_sectors_create()


def post(**data):
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return SectorsForm(query)


def test_widget_renders_a_grouped_select_and_a_disabled_search_box(naf, django_assert_num_queries):
    form = SectorsForm(initial={"sectors": [NafSector.objects.get(pk="10.71C"), "62.01Z"], "sector": "56.10A"})
    with django_assert_num_queries(1):
        html = str(form["sectors"])
    assert html.count("<optgroup") == 21 and html.count("<option") == 732
    assert '<optgroup label="A – Agriculture, sylviculture et pêche" data-section="A"' in html
    assert '<option value="10.71C" selected>Boulangerie et boulangerie-pâtisserie (10.71C)</option>' in html
    assert '<option value="62.01Z" selected>Programmation informatique (62.01Z)</option>' in html
    assert html.count(" selected") == 2
    assert 'multiple size="8"' in html and "data-multiple" in html
    # The text box only works with the script, which enables it.
    assert 'name="sectors_q" id="id_sectors_q" value="" class="form-control" autocomplete="off"' in html
    assert "disabled data-sector-input" in html
    assert 'aria-describedby="id_sectors_helptext"' in html
    single = str(form["sector"])
    assert '<option value="">Tous</option>' in single and "<option value=\"56.10A\" selected>" in single
    assert "multiple" not in single and "data-sector-chips" not in single
    assert "sector-picker.js" in str(form.media) and "sector-picker.css" in str(form.media)


def test_widget_escapes_labels(db):
    NafSector.objects.all().delete()  # the package's reference data may be loaded in this transaction
    NafSector.objects.create(code="10.71C", label='Pain <b>"chaud"</b>', section="C", section_label="Industrie & co",
                             division="10")
    html = str(SectorsForm()["sectors"])
    assert "Pain &lt;b&gt;&quot;chaud&quot;&lt;/b&gt; (10.71C)" in html
    assert 'data-section-label="Industrie &amp; co"' in html and "<b>" not in html


def test_codes_from_links_and_saved_searches_are_shown_chosen(naf):
    html = str(post(sectors="70.22Z, 10.71c")["sectors"])
    assert '<option value="70.22Z" selected>' in html and '<option value="10.71C" selected>' in html


def test_multiple_field_cleans_codes_of_the_select_and_of_links(naf):
    form = post(sectors=["62.01Z", "10.71C"])
    assert form.is_valid(), form.errors
    assert codes(form.cleaned_data["sectors"]) == ["62.01Z", "10.71C"]  # in the order given
    form = post(sectors="70.22Z, 10.71c;62.01Z")
    assert form.is_valid(), form.errors
    assert codes(form.cleaned_data["sectors"]) == ["70.22Z", "10.71C", "62.01Z"]
    form = post()
    assert form.is_valid() and list(form.cleaned_data["sectors"]) == []


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (["99.99Z"], "Secteur inconnu : «\u00a099.99Z\u00a0». Tapez une partie de son nom ou son code NAF, puis choisissez-le dans la liste."),
        (["10.71C", "conseil"], "Secteur inconnu : «\u00a0conseil\u00a0»."),
        (["<script>"], "Secteur inconnu : «\u00a0&lt;script&gt;\u00a0»."),
    ],
)
def test_multiple_field_refuses_unknown_codes_in_french(naf, values, message):
    form = post(sectors=values)
    assert not form.is_valid()
    assert message in str(form.errors["sectors"])


def test_text_typed_without_picking_is_resolved_or_explained(naf):
    form = post(sectors=["62.01Z"], sectors_q="pâtisserie boulangerie")
    assert form.is_valid(), form.errors
    assert codes(form.cleaned_data["sectors"]) == ["62.01Z", "10.71C"]

    form = post(sectors=["62.01Z"], sectors_q="boulang")
    assert not form.is_valid()
    assert form.errors["sectors"] == [
        "Plusieurs secteurs correspondent à «\u00a0boulang\u00a0» : Cuisson de produits de boulangerie (10.71B), "
        "Boulangerie et boulangerie-pâtisserie (10.71C). Choisissez-en un dans la liste."
    ]
    html = str(form["sectors"])
    # Shown back as typed, with the sector already chosen.
    assert 'name="sectors_q" id="id_sectors_q" value="boulang"' in html
    assert '<option value="62.01Z" selected>' in html

    form = post(sectors_q="informatique")
    assert form.errors["sectors"] == [
        "7 secteurs correspondent à «\u00a0informatique\u00a0», par exemple : Commerce de gros (commerce interentreprises) "
        "d'ordinateurs, d'équipements informatiques périphériques et de logiciels (46.51Z), Programmation informatique "
        "(62.01Z), Conseil en systèmes et logiciels informatiques (62.02A). Précisez votre saisie et choisissez-en un "
        "dans la liste."
    ]
    form = post(sectors_q="plomberie sanitaire")
    assert form.errors["sectors"] == [
        "Aucun secteur ne correspond à «\u00a0plomberie sanitaire\u00a0». Tapez une partie de son nom ou son code NAF, puis "
        "choisissez-le dans la liste."
    ]


def test_a_resolved_text_is_shown_as_chosen_when_the_form_comes_back(naf):
    form = post(sectors_q="coiffure", sector="zz")
    assert not form.is_valid() and "sectors" not in form.errors
    html = str(form["sectors"])
    assert '<option value="96.02A" selected>' in html and 'name="sectors_q" id="id_sectors_q" value=""' in html


def test_single_field(naf):
    form = post(sector="10.71c")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["sector"].code == "10.71C"
    form = post(sector="", sector_q="Programmation informatique")
    assert form.is_valid() and form.cleaned_data["sector"].code == "62.01Z"
    # A chosen code wins over the text (the label of that very choice).
    form = post(sector="62.01Z", sector_q="Boulangerie")
    assert form.is_valid() and form.cleaned_data["sector"].code == "62.01Z"
    form = post(sector="", sector_q="")
    assert form.is_valid() and form.cleaned_data["sector"] is None
    form = post(sector="99.99Z")
    assert form.errors["sector"] == [
        "Secteur inconnu : «\u00a099.99Z\u00a0». Tapez une partie de son nom ou son code NAF, puis choisissez-le dans la liste."
    ]
    form = post(sector="", sector_q="boulang")
    assert "Plusieurs secteurs correspondent à «\u00a0boulang\u00a0»" in form.errors["sector"][0]
    assert 'value="boulang"' in str(form["sector"])


def test_required_and_restricted_fields(naf):
    class Form(forms.Form):
        sectors = SectorMultipleField(label="Secteurs", queryset=NafSector.objects.filter(section="I"))
        sector = SectorField(label="Secteur", queryset=NafSector.objects.filter(section="I"))

    form = Form(QueryDict("sectors=10.71C&sector=10.71C"))
    assert form.errors == {
        "sectors": ["Secteur inconnu : «\u00a010.71C\u00a0». Tapez une partie de son nom ou son code NAF, puis choisissez-le dans la liste."],
        "sector": ["Secteur inconnu : «\u00a010.71C\u00a0». Tapez une partie de son nom ou son code NAF, puis choisissez-le dans la liste."],
    }
    form = Form(QueryDict("sectors_q=boulang&sector_q=restauration traditionnelle"))
    assert "Aucun secteur ne correspond à «\u00a0boulang\u00a0»" in form.errors["sectors"][0]
    assert form.cleaned_data["sector"].code == "56.10A"
    html = str(form["sectors"])
    assert html.count("<optgroup") == 1 and "10.71C" not in html
    assert Form(QueryDict("")).errors == {
        "sectors": ["Choisissez au moins un secteur dans la liste."], "sector": ["Choisissez un secteur dans la liste."],
    }


def test_has_changed(naf):
    class Form(forms.Form):
        sectors = SectorMultipleField(label="Secteurs", required=False)
        sector = SectorField(label="Secteur", required=False)

    initial = {"sectors": ["10.71C"], "sector": "62.01Z"}
    assert not Form(QueryDict("sectors=10.71c&sector=62.01Z"), initial=initial).has_changed()
    assert Form(QueryDict("sectors=10.71C&sectors=62.01Z&sector=62.01Z"), initial=initial).changed_data == ["sectors"]
    assert Form(QueryDict("sectors=10.71C&sectors_q=coiffure&sector=62.01Z"), initial=initial).changed_data == ["sectors"]
    assert Form(QueryDict("sectors=10.71C&sector=&sector_q=coiffure"), initial=initial).changed_data == ["sector"]


def test_picked_sectors_keep_their_text_through_prepare_value():
    field = SectorMultipleField(queryset=NafSector.objects.none())
    prepared = field.prepare_value(PickedSectors(["10.71C"], "boulang"))
    assert prepared == ["10.71C"] and prepared.text == "boulang"
    assert SectorField(queryset=NafSector.objects.none()).prepare_value(TypedText("coiffure")) == "coiffure"


def test_labels_lose_the_trailing_space_of_the_naf_package(naf):
    hotels = NafSector.objects.get(pk="55.10Z")
    assert hotels.label.endswith(" ")
    assert sector_label(hotels) == "Hôtels et hébergement similaire (55.10Z)"
    assert "<option value=\"55.10Z\">Hôtels et hébergement similaire (55.10Z)</option>" in str(SectorsForm()["sectors"])


def test_sectors_named_spells_out_lists_of_codes(naf, django_assert_num_queries):
    with django_assert_num_queries(1):
        text = sectors_named("Secteurs du candidat : 70.22Z, 10.71C, 99.99Z")
    assert text == (
        "Secteurs du candidat : Conseil pour les affaires et autres conseils de gestion (70.22Z) ; "
        "Boulangerie et boulangerie-pâtisserie (10.71C) ; 99.99Z"
    )
    with django_assert_num_queries(0):
        assert sectors_named("Aucun secteur renseigné") == "Aucun secteur renseigné"
