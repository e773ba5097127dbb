import pytest
from django import forms
from django.urls import reverse

from portal.reference.forms import CommuneField
from portal.reference.models import Commune

URL = "/reference/communes/"


def search(client, q, expected_status=200):
    response = client.get(URL, {"q": q})
    assert response.status_code == expected_status
    return response.json()["results"]


def test_url_name():
    assert reverse("reference:commune-search") == URL


def test_clermont(loaded, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        results = search(client, "clermont")
    assert len(results) == 20
    assert results[0] == {
        "insee": "63113",
        "name": "Clermont-Ferrand",
        "department": "63",
        "label": "Clermont-Ferrand (63)",
        "postcodes": ["63000", "63100"],
    }
    assert all("clermont" in result["label"].lower() for result in results)


def test_results_are_ordered_by_population(loaded, client):
    results = search(client, "saint")
    populations = dict(
        Commune.objects.filter(insee__in=[r["insee"] for r in results]).values_list("insee", "population")
    )
    values = [populations[r["insee"]] for r in results]
    assert values == sorted(values, reverse=True)
    assert results[0]["label"] == "Saint-Étienne (42)"


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Clermont-Ferrand", "Clermont-Ferrand (63)"),
        ("CLERMONT FERRAND", "Clermont-Ferrand (63)"),
        ("st etienne", "Saint-Étienne (42)"),
        ("saint-étienne", "Saint-Étienne (42)"),
        ("ferrand", "Clermont-Ferrand (63)"),  # contained, not only a prefix
        ("63000", "Clermont-Ferrand (63)"),
        ("6300", "Clermont-Ferrand (63)"),
        ("75011", "Paris (75)"),
        ("69003", "Lyon (69)"),
        ("13008", "Marseille (13)"),
        ("saint denis 974", "Saint-Denis (974)"),
        ("Saint-Denis (93)", "Saint-Denis (93)"),
        ("2A", "Ajaccio (2A)"),
        ("lyon", "Lyon (69)"),
    ],
)
def test_queries(loaded, client, query, first):
    assert search(client, query)[0]["label"] == first


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "a",
        "-",
        "%",
        "%%",
        "_",
        "'; DROP TABLE reference_commune; --",
        "\x00",
        "(((",
        "zzzzzzzz",
        "😀",
        "é" * 5000,
        "1",
        "Ÿ",
    ],
)
def test_empty_short_and_junk_queries_answer_empty(loaded, client, query):
    assert search(client, query) == []


def test_missing_parameter_and_repeated_parameter(loaded, client):
    assert client.get(URL).json() == {"results": []}
    assert client.get(URL + "?q=&q=clermont").status_code == 200


def test_only_get(loaded, client):
    assert client.post(URL, {"q": "clermont"}).status_code == 405


class PlaceForm(forms.Form):
    commune = CommuneField(label="Commune")


class OptionalPlaceForm(forms.Form):
    commune = CommuneField(label="Commune", required=False)


@pytest.mark.parametrize(
    "data",
    [
        {"commune": "63113"},
        {"commune": "63113", "commune_label": "Clermont-Ferrand (63)"},
        {"commune": "", "commune_label": "Clermont-Ferrand (63)"},
        {"commune_label": "clermont-ferrand"},
        {"commune_label": "  Clermont-Ferrand  "},
        {"commune_label": "63100"},  # a postcode of Clermont-Ferrand when typed...
        {"commune_label": "Clermont\x00-Ferrand\n"},  # control characters are dropped
        {"commune": "631\x0013"},
        # Typed without choosing: accents, case, hyphens and "St" do not matter; a postcode or a
        # department beside the name settles it.
        {"commune": "", "commune_label": "CLERMONT FERRAND"},
        {"commune_label": "clermont-ferrand 63"},
        {"commune_label": "Clermont-Ferrand 63000"},
        {"commune_label": "63000 Clermont-Ferrand"},
        {"commune_label": "clermont 63100"},
        {"commune_label": "Clermont-Ferrand (63000)"},
        {"commune_label": "Clermont-Ferrand, 63"},
    ],
)
def test_field_resolves_codes_labels_names_and_postcodes(loaded, data):
    form = PlaceForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["commune"].insee == "63113"


def test_field_takes_a_chosen_code_as_an_insee_code(loaded):
    # ...but the INSEE code of another commune when chosen from the list.
    form = PlaceForm({"commune": "63100", "commune_label": "whatever the box shows"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["commune"].insee == "63100"
    assert form.cleaned_data["commune"].department_id == "63"


@pytest.mark.parametrize(
    ("typed", "insee"),
    [
        ("St-Étienne", "42218"),
        ("saint etienne 42", "42218"),
        ("Lyon 69003", "69123"),
        ("69003 lyon", "69123"),
        ("Saint-Denis, 974", "97411"),
        ("saint denis (93)", "93066"),
        ("Le Puy-en-Velay 43000", "43157"),
        ("le puy en velay", "43157"),
        ("Puy-en-Velay", "43157"),  # the article left out
        ("LE MANS", "72181"),
        ("l'isle d'abeau", "38193"),
    ],
)
def test_field_resolves_what_people_type(loaded, typed, insee):
    form = PlaceForm({"commune": "", "commune_label": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["commune"].insee == insee


def test_field_exact_spelling_settles_homonyms(loaded):
    form = PlaceForm({"commune_label": "Vergné"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["commune"].insee == "17464"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"commune_label": "Saint-Denis"},
            "Choisissez une commune dans la liste : plusieurs communes s'appellent Saint-Denis — "
            "Saint-Denis (974), Saint-Denis (93)",
        ),
        (
            {"commune_label": "saint martin"},
            "Choisissez une commune dans la liste : plusieurs communes s'appellent Saint-Martin — Saint-Martin (",
        ),
        ({"commune_label": "01300"}, "Choisissez une commune dans la liste : le code postal 01300 couvre plusieurs communes"),
        ({"commune_label": "Clermont Ferand"}, "Commune inconnue : « Clermont Ferand »."),
        ({"commune_label": "Clermont-Ferr"}, "Commune inconnue : « Clermont-Ferr ». Vouliez-vous dire Clermont-Ferrand (63) ?"),
        ({"commune_label": "Lyon 63000"}, "Commune inconnue : « Lyon 63000 »."),
        ({"commune_label": "75011"}, None),
        ({"commune_label": "Nulle-Part-sur-Mer"}, "Commune inconnue"),
        ({"commune": "99999"}, "Commune inconnue"),
        ({"commune": "<script>"}, "Commune inconnue"),
        ({"commune_label": "x" * 10_000}, "Commune inconnue"),
        ({"commune_label": "Clermont-Ferrand (69)"}, "Commune inconnue"),
        ({"commune_label": ""}, "requis"),
        ({}, "requis"),
    ],
)
def test_field_errors_are_clear(loaded, data, message):
    form = PlaceForm(data)
    if message is None:  # 75011 is Paris: a postcode of one commune
        assert form.is_valid()
        return
    assert not form.is_valid()
    assert message in form.errors["commune"][0]


def test_optional_field(loaded):
    form = OptionalPlaceForm({"commune": "", "commune_label": ""})
    assert form.is_valid()
    assert form.cleaned_data["commune"] is None


def test_field_respects_its_queryset(loaded):
    class AuvergneForm(forms.Form):
        commune = CommuneField(queryset=Commune.objects.filter(department_id="63"))

    assert AuvergneForm({"commune": "63113"}).is_valid()
    assert not AuvergneForm({"commune": "69123"}).is_valid()


def test_widget_renders_an_enhanceable_text_box(loaded):
    html = str(PlaceForm(initial={"commune": Commune.objects.get(insee="63113")})["commune"])
    assert 'data-commune-picker data-url="/reference/communes/"' in html
    assert 'name="commune_label" value="Clermont-Ferrand (63)"' in html
    assert 'id="id_commune"' in html
    assert 'type="hidden" name="commune" value="63113" disabled' in html
    assert "required" in html
    assert "reference/commune-picker.js" in str(PlaceForm().media)


def test_widget_redisplays_what_was_typed(loaded):
    form = PlaceForm({"commune_label": "Nulle-Part"})
    assert not form.is_valid()
    html = str(form["commune"])
    assert 'name="commune_label" value="Nulle-Part"' in html
    assert 'name="commune" value="" disabled' in html


def test_widget_shows_what_a_typed_postcode_was_understood_as(loaded):
    class TwoFieldForm(PlaceForm):
        other = forms.IntegerField()

    # 63100 typed is a postcode of Clermont-Ferrand (and the INSEE code of another commune).
    form = TwoFieldForm({"commune_label": "63100", "other": "x"})
    assert not form.is_valid()
    assert form.cleaned_data["commune"].insee == "63113"
    html = str(form["commune"])
    assert 'name="commune_label" value="Clermont-Ferrand (63)"' in html
    assert 'name="commune" value="63113" disabled' in html


def test_ambiguous_message_names_five_communes_then_counts_the_others(loaded):
    form = PlaceForm({"commune_label": "sainte colombe"})
    assert not form.is_valid()
    [message] = form.errors["commune"]
    assert message.startswith("Choisissez une commune dans la liste : plusieurs communes s'appellent Sainte-Colombe — ")
    assert message.count("Sainte-Colombe (") == 5
    assert message.endswith("… et 7 autres.")


def test_names_carry_their_article(loaded, client):
    # The source keeps "Mans" and "Puy-en-Velay" apart from their article.
    assert Commune.objects.get(insee="72181").name == "Le Mans"
    assert Commune.objects.get(insee="43157").name == "Le Puy-en-Velay"
    assert Commune.objects.get(insee="38193").name == "L'Isle-d'Abeau"
    assert search(client, "puy en velay")[0]["label"] == "Le Puy-en-Velay (43)"


def test_has_changed(loaded):
    clermont = Commune.objects.get(insee="63113")
    assert not PlaceForm(
        {"commune_label": "Clermont-Ferrand (63)"}, initial={"commune": clermont}
    ).has_changed()
    assert not PlaceForm({"commune": "63113"}, initial={"commune": "63113"}).has_changed()
    assert PlaceForm({"commune": "69123"}, initial={"commune": clermont}).has_changed()
    assert PlaceForm({"commune_label": "???"}, initial={"commune": clermont}).has_changed()
