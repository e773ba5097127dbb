import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


@pytest.mark.parametrize(
    ("password", "missing"),
    [
        ("motdepasse-solide-42!", "majuscule"),
        ("MOTDEPASSE-SOLIDE-42!", "minuscule"),
        ("Motdepasse-solide-quarante!", "chiffre"),
        ("Motdepassesolide42xx", "caractère spécial"),
    ],
)
def test_each_missing_character_class_is_named_in_french(password, missing):
    with pytest.raises(ValidationError) as exc:
        validate_password(password)
    assert any(missing in message for message in exc.value.messages)


def test_short_password_is_refused():
    with pytest.raises(ValidationError) as exc:
        validate_password("Ab1!xyz")
    assert any("12" in message for message in exc.value.messages)


def test_strong_password_is_accepted():
    validate_password("Vivier-Recrute-2026!")


@pytest.mark.django_db
def test_email_login_is_case_insensitive():
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("Camille.Martin@Example.org", "Vivier-Recrute-2026!")
    assert user.email == "camille.martin@example.org"
    assert get_user_model().objects.get_by_natural_key("CAMILLE.martin@example.org") == user
