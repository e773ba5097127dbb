"""The sector picker in headless Chromium: the same answers as the server's search, the WAI-ARIA
combobox keyboard pattern, chips, the no-JavaScript fallback and axe, on a page of its own."""

import random
import re
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from django import forms
from django.conf import settings
from playwright.sync_api import expect

from portal.reference.forms_sectors import SectorField, SectorMultipleField
from portal.reference.sectors import query_tokens, sector_search
from tests.cms.test_accessibility import AXE_JS
from tests.reference.naf import NAF_RECORDS, naf_sectors_create

ORIGIN = "http://vivier.test"
STATIC = Path(settings.BASE_DIR) / "static" / "reference"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

pytestmark = pytest.mark.e2e


class SectorsForm(forms.Form):
    sectors = SectorMultipleField(label="Secteurs d'activité", required=False)
    sector = SectorField(label="Secteur recherché", empty_label="Tous", required=False)


def page_html(form):
    return f"""<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Secteurs</title>
    <meta name="viewport" content="width=device-width, initial-scale=1">{"".join(form.media.render_css())}</head>
    <body><main><h1>Secteurs</h1><form method="post" action="/submitted">
    <p><label for="id_sectors">Secteurs d'activité</label>{form["sectors"]}
    <span id="id_sectors_helptext">{form["sectors"].help_text}</span></p>
    <p><label for="id_sector">Secteur recherché</label>{form["sector"]}</p>
    <button type="submit">Envoyer</button></form></main>
    {"".join(form.media.render_js())}</body></html>"""


@pytest.fixture
def picker(browser, db):
    """A page with both pickers; returns (page, posted data of the last submit)."""
    naf_sectors_create()
    html = page_html(SectorsForm(initial={"sectors": ["62.01Z"]}))

    def make(javascript=True):
        context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900},
                                      java_script_enabled=javascript)
        context.set_default_timeout(10_000)
        page = context.new_page()
        posted = {}

        def serve(route):
            path = route.request.url.removeprefix(ORIGIN)
            if path.startswith("/static/reference/"):
                name = path.removeprefix("/static/reference/")
                kind = "text/css" if name.endswith(".css") else "text/javascript"
                route.fulfill(content_type=kind, body=(STATIC / name).read_text())
            elif path == "/form":
                route.fulfill(content_type="text/html", body=html)
            elif path == "/submitted":
                posted.clear()
                posted.update(parse_qs(route.request.post_data or "", keep_blank_values=True))
                route.fulfill(content_type="text/html; charset=utf-8", body="<!doctype html><title>Merci</title><p>Reçu</p>")
            else:
                route.fulfill(status=404, body="")

        page.route(ORIGIN + "/**", serve)
        page.goto(ORIGIN + "/form")
        contexts.append(context)
        return page, posted

    contexts = []
    yield make
    for context in contexts:
        context.close()


def test_the_browser_finds_what_the_server_finds(picker):
    page, _posted = picker()
    rng = random.Random(11)
    words = sorted({word for record in NAF_RECORDS for word in re.findall(r"\w{4,}", record.label)})
    queries = [
        "boulang", "pâtisserie BOULANGERIE", "informatique", "10.71", "1071c", "62", "pêche", "santé", "sante humaine",
        "hébergement", "œuvre", "d'applications", "commerce de gros", "Administration publique", "400 m2", "zzz",
        "restauration 56.1", "agriculture 01.1",
        *rng.sample(words, 40), *(word[:3] for word in rng.sample(words, 20)),
        *(f"{a[:4]} {b[:5]}" for a, b in zip(rng.sample(words, 20), rng.sample(words, 20), strict=True)),
    ]
    browser_answers = page.evaluate(
        """(queries) => {
            const picker = document.querySelector('[data-sector-picker]').sectorPicker;
            return queries.map((query) => picker.search(query).map((sector) => sector.code));
        }""",
        queries,
    )
    for query, answer in zip(queries, browser_answers, strict=True):
        assert answer == [sector.code for sector in sector_search(query, NAF_RECORDS)], query
    assert sum(1 for answer in browser_answers if answer) > 60
    assert all(query_tokens(query) for query in queries if query != "zzz")


def test_several_sectors_with_the_keyboard_only(picker):
    page, posted = picker()
    box = page.get_by_role("combobox", name="Secteurs d'activité")
    expect(box).to_have_attribute("aria-describedby", "id_sectors_helptext")
    chips = page.get_by_role("list", name="Secteurs choisis")
    expect(chips.get_by_role("listitem")).to_have_text(["Programmation informatique (62.01Z)×"])

    box.focus()
    page.keyboard.type("boulang")
    listbox = page.get_by_role("listbox", name="Secteurs proposés")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    group = listbox.get_by_role("group", name="C – Industrie manufacturière")
    expect(group.get_by_role("option")).to_have_text(
        ["Cuisson de produits de boulangerie 10.71B", "Boulangerie et boulangerie-pâtisserie 10.71C"]
    )
    expect(page.locator("[data-sector-status]").first).to_have_text("2 secteurs trouvés.")

    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    active = listbox.get_by_role("option", name=re.compile("Boulangerie et boulangerie-pâtisserie"))
    expect(box).to_have_attribute("aria-activedescendant", active.get_attribute("id"))
    page.keyboard.press("Enter")
    # Picked, and the list stays open for another pick from the same search.
    expect(active).to_have_attribute("aria-selected", "true")
    expect(listbox).to_be_visible()
    expect(page.locator("[data-sector-status]").first).to_have_text(
        "Secteur ajouté : Boulangerie et boulangerie-pâtisserie (10.71C). 2 secteurs choisis."
    )
    expect(chips.get_by_role("listitem")).to_have_count(2)
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("")

    # A chip's button removes it; the focus goes to the next chip's button.
    remove = page.get_by_role("button", name="Retirer Programmation informatique (62.01Z)")
    remove.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Retirer Boulangerie et boulangerie-pâtisserie (10.71C)")).to_be_focused()
    expect(chips.get_by_role("listitem")).to_have_text(["Boulangerie et boulangerie-pâtisserie (10.71C)×"])

    # Down on an empty box lists every sector by section.
    box.focus()
    page.keyboard.press("ArrowDown")
    expect(listbox.get_by_role("option")).to_have_count(732)
    expect(listbox.get_by_role("group")).to_have_count(21)
    page.keyboard.press("Escape")

    page.get_by_role("button", name="Envoyer").click()
    page.get_by_text("Reçu").wait_for()
    assert posted["sectors"] == ["10.71C"] and "sectors_q" not in posted


def test_a_code_picks_and_enter_on_a_chosen_sector_removes_it(picker):
    page, posted = picker()
    box = page.get_by_role("combobox", name="Secteurs d'activité")
    box.fill("62.01")
    listbox = page.get_by_role("listbox", name="Secteurs proposés")
    option = listbox.get_by_role("option")
    expect(option).to_have_text(["Programmation informatique 62.01Z"])
    expect(option).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(option).to_have_attribute("aria-selected", "false")
    expect(page.get_by_role("list", name="Secteurs choisis")).to_be_hidden()
    # Text typed and not picked is sent for the server to resolve.
    box.fill("coiffure")
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_text("Reçu").wait_for()
    assert "sectors" not in posted and posted["sectors_q"] == ["coiffure"]


def test_one_sector(picker):
    page, posted = picker()
    box = page.get_by_role("combobox", name="Secteur recherché")
    box.focus()
    page.keyboard.type("INFORMATIQUE")
    listbox = page.get_by_role("listbox", name="Secteurs proposés")
    expect(listbox.get_by_role("group")).to_have_text([re.compile("^G – Commerce"), re.compile("^J – Information"),
                                                       re.compile("^N – Activités de services")])
    expect(page.locator("[data-sector-status]").nth(1)).to_have_text("7 secteurs trouvés.")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = listbox.get_by_role("option", name=re.compile("Programmation informatique"))
    expect(second).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("Programmation informatique (62.01Z)")
    assert page.locator("select[name=sector]").input_value() == "62.01Z"
    page.keyboard.press("Enter")  # the list is closed: Enter submits
    page.get_by_text("Reçu").wait_for()
    assert posted["sector"] == ["62.01Z"] and "sector_q" not in posted


def test_typing_drops_the_choice_and_escape_clears(picker):
    page, _posted = picker()
    box = page.get_by_role("combobox", name="Secteur recherché")
    box.fill("coiffure")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    select = page.locator("select[name=sector]")
    assert select.input_value() == "96.02A"
    page.keyboard.press("Backspace")
    assert select.input_value() == ""
    page.keyboard.press("Escape")  # closes the list
    page.keyboard.press("Escape")  # clears the box
    expect(box).to_have_value("")
    box.fill("xyzzy")
    expect(page.get_by_text("Aucun secteur ne correspond à «\u00a0xyzzy\u00a0».")).to_be_visible()
    expect(page.locator("[data-sector-status]").nth(1)).to_have_text("Aucun secteur trouvé.")
    expect(box).to_have_attribute("aria-expanded", "false")


def test_without_javascript_the_select_posts_the_codes(picker):
    page, posted = picker(javascript=False)
    select = page.get_by_label("Secteurs d'activité")
    expect(select).to_be_visible()
    expect(page.locator("[data-sector-input]").first).to_be_hidden()
    select.select_option(["10.71C", "62.01Z"])
    page.get_by_label("Secteur recherché").select_option("96.02A")
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_text("Reçu").wait_for()
    assert posted["sectors"] == ["10.71C", "62.01Z"] and posted["sector"] == ["96.02A"]
    assert "sectors_q" not in posted and "sector_q" not in posted


@pytest.mark.skipif(AXE_JS is None or not AXE_JS.exists(), reason="axe-playwright-python is not installed")
def test_axe_finds_nothing_with_the_list_open_and_chips(picker):
    page, _posted = picker()
    page.get_by_role("combobox", name="Secteurs d'activité").fill("boulang")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.get_by_role("combobox", name="Secteur recherché").fill("informatique")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("listbox", name="Secteurs proposés").get_by_role("option")).to_have_count(7)
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    violations = [(v["id"], [node["target"] for node in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == []
