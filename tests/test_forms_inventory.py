"""Every form of the product is listed, and proven by a browser round-trip (docs/testing.md)."""

import pytest

from tests import forms_inventory


@pytest.fixture(scope="module")
def inventory():
    return forms_inventory.build()


def test_every_form_tag_is_named(inventory):
    assert inventory.problems == []


def test_every_marker_names_a_form(inventory):
    assert inventory.unknown_markers == []


def test_every_form_has_its_browser_round_trips(inventory):
    missing = [
        f"{form.id} ({form.where}): "
        + ", ".join(
            need
            for need, ok in (("round-trip", form.round_trips), ("bad input", form.no_input or form.bad_inputs))
            if not ok
        )
        for form in inventory.forms.values()
        if not form.proven
    ]
    assert missing == []


def test_the_inventory_finds_forms_of_every_kind(inventory):
    ids = set(inventory.forms)
    assert "wagtail-page-cms.companypage" in ids
    assert "setting-recruiters.recruiterhomesettings" in ids
    assert any(form.where.startswith("templates/candidates/") for form in inventory.forms.values())


def test_docs_list_is_up_to_date(inventory):
    doc = forms_inventory.DOC.read_text(encoding="utf-8")
    assert forms_inventory.render(inventory) in doc, "run: python -m tests.forms_inventory"
