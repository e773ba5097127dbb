import pytest
from django.core.exceptions import ValidationError

from recruiters.validators import format_phone, normalize_phone, normalize_siren, siren_check


@pytest.mark.parametrize("typed", ["732829320", "732 829 320", " 732.829.320 ", "732-829-320"])
def test_siren_accepts_spaces_dots_and_dashes(typed):
    assert normalize_siren(typed) == "732829320"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("732829321", "clé de contrôle"),
        ("123456789", "clé de contrôle"),
        ("73282932", "9 chiffres ; vous en avez saisi 8"),
        ("7328293200", "vous en avez saisi 10"),
        ("73282932A", "que des chiffres"),
        ("", "Indiquez le numéro SIREN"),
    ],
)
def test_siren_errors_name_the_failed_rule_in_french(typed, expected):
    with pytest.raises(ValidationError) as exc:
        normalize_siren(typed)
    assert expected in exc.value.messages[0]


def test_siren_check_explains_the_result_for_moderators():
    assert siren_check("732829320") == (True, "Format et clé de contrôle (algorithme de Luhn) valides.")
    valid, explanation = siren_check("732829321")
    assert not valid and "clé de contrôle" in explanation


@pytest.mark.parametrize(
    ("typed", "e164"),
    [("04 73 12 34 56", "+33473123456"), ("06.12.34.56.78", "+33612345678"), ("+33 4 73 12 34 56", "+33473123456"),
     ("0033473123456", "+33473123456")],
)
def test_french_phone_numbers_are_stored_as_e164(typed, e164):
    assert normalize_phone(typed) == e164
    assert format_phone(e164).replace(" ", "") == "0" + e164[3:]


@pytest.mark.parametrize("typed", ["12", "04 73 12", "abcdefghij", "+33 1"])
def test_bad_phone_numbers_are_refused_in_french(typed):
    with pytest.raises(ValidationError) as exc:
        normalize_phone(typed)
    assert "numéro de téléphone" in exc.value.messages[0]
