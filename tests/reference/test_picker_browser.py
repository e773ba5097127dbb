"""The commune picker's keyboard behaviour in headless Chromium (WAI-ARIA combobox pattern)."""

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django import forms
from django.conf import settings

from portal.reference.forms import CommuneField

ORIGIN = "http://vivier.test"
SCRIPT = Path(settings.BASE_DIR) / "static" / "reference" / "commune-picker.js"


class PlaceForm(forms.Form):
    commune = CommuneField(label="Commune de résidence")


def page_html():
    form = PlaceForm()
    return f"""<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Test</title></head>
    <body><form method="post" action="/submitted"
      onsubmit="window.submitted = new URLSearchParams(new FormData(this)).toString(); return false;">
    <label for="id_commune">Commune de résidence</label>{form["commune"]}
    <button type="submit">Envoyer</button></form>
    {form.media}</body></html>"""


def suggestion(insee, name, department, postcodes):
    return {
        "insee": insee,
        "name": name,
        "department": department,
        "label": f"{name} ({department})",
        "postcodes": postcodes,
    }


# Answers shaped like the view's (test_picker checks the real ones). The browser runs outside the
# test's database transaction, so this test needs no database at all.
ANSWERS = {
    "clermont": [suggestion("63113", "Clermont-Ferrand", "63", ["63000", "63100"])]
    + [suggestion(f"6000{i}", f"Clermont {i}", "60", ["60600"]) for i in range(10, 29)],
    "63000": [suggestion("63113", "Clermont-Ferrand", "63", ["63000", "63100"])],
    "lyon": [suggestion("69123", "Lyon", "69", ["69001", "69002", "69003", "69004"])],
}


@pytest.fixture
def picker_page(page):
    html = page_html()

    def serve(route):
        url = urlsplit(route.request.url)
        if url.path == "/reference/communes/":
            query = parse_qs(url.query).get("q", [""])[0]
            route.fulfill(
                content_type="application/json", body=json.dumps({"results": ANSWERS.get(query, [])})
            )
        elif url.path == "/static/reference/commune-picker.js":
            route.fulfill(content_type="text/javascript", body=SCRIPT.read_text())
        elif url.path == "/form":
            route.fulfill(content_type="text/html", body=html)
        else:
            route.fulfill(status=404, body="")

    page.route(ORIGIN + "/**", serve)
    page.goto(ORIGIN + "/form")
    return page


@pytest.mark.e2e
def test_keyboard_only_choice(picker_page):
    page = picker_page
    box = page.get_by_role("combobox", name="Commune de résidence")
    box.focus()
    page.keyboard.type("clermont")
    listbox = page.get_by_role("listbox")
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == listbox.get_attribute("id")
    options = page.get_by_role("option")
    assert options.count() == 20
    assert options.first.inner_text().startswith("Clermont-Ferrand (63)")
    assert page.locator("[data-commune-status]").inner_text() == "20 communes proposées."

    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    assert options.first.get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowUp")  # wraps to the last option
    assert options.last.get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")

    assert box.input_value() == "Clermont-Ferrand (63)"
    assert page.locator("input[name=commune]").input_value() == "63113"
    assert page.locator("input[name=commune]").is_enabled()
    assert box.get_attribute("aria-expanded") == "false"
    assert listbox.is_hidden()
    assert not page.evaluate("window.submitted")  # Enter chose, it did not submit


@pytest.mark.e2e
def test_typing_after_a_choice_forgets_it_and_escape_closes_then_clears(picker_page):
    page = picker_page
    box = page.get_by_role("combobox", name="Commune de résidence")
    box.focus()
    page.keyboard.type("63000")
    page.get_by_role("option").first.wait_for()
    page.get_by_role("option").first.click()
    assert page.locator("input[name=commune]").input_value() == "63113"
    assert page.evaluate("document.activeElement.name") == "commune_label"

    page.keyboard.type("x")
    assert page.locator("input[name=commune]").input_value() == ""

    page.keyboard.press("Control+A")
    page.keyboard.type("lyon")
    page.get_by_role("listbox").wait_for(state="visible")
    page.keyboard.press("Escape")
    assert page.get_by_role("listbox").is_hidden()
    assert box.input_value() == "lyon"
    page.keyboard.press("Escape")
    assert box.input_value() == ""


@pytest.mark.e2e
def test_no_result_is_announced(picker_page):
    page = picker_page
    page.get_by_role("combobox", name="Commune de résidence").focus()
    page.keyboard.type("zzzzzz")
    page.wait_for_function("document.querySelector('[data-commune-status]').textContent !== ''")
    assert page.locator("[data-commune-status]").inner_text() == "Aucune commune trouvée."
    assert page.get_by_role("listbox").is_hidden()
    assert (
        json.loads(page.evaluate("JSON.stringify(document.querySelector('input[name=commune]').value)")) == ""
    )


@pytest.mark.e2e
def test_text_typed_without_choosing_is_sent_for_the_server_to_resolve(picker_page):
    """Nothing typed is lost: with the suggestions open and none chosen, Enter submits the text, and no
    code from an earlier choice goes with it."""
    page = picker_page
    box = page.get_by_role("combobox", name="Commune de résidence")
    box.focus()
    page.keyboard.type("63000")
    page.get_by_role("option").first.click()
    assert page.locator("input[name=commune]").input_value() == "63113"
    page.keyboard.press("Control+A")
    page.keyboard.type("lyon")
    page.get_by_role("listbox").wait_for(state="visible")
    page.keyboard.press("Enter")
    page.wait_for_function("window.submitted !== undefined")
    assert parse_qs(page.evaluate("window.submitted"), keep_blank_values=True) == {
        "commune_label": ["lyon"], "commune": [""]}
