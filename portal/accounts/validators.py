import string

from django.conf import settings
from django.core.exceptions import ValidationError

RULES = (
    ("lower", "une lettre minuscule", lambda ch: ch.islower()),
    ("upper", "une lettre majuscule", lambda ch: ch.isupper()),
    ("digit", "un chiffre", lambda ch: ch.isdigit()),
    ("special", "un caractère spécial (par exemple ! ? @ # %)",
     lambda ch: ch in string.punctuation or (not ch.isalnum() and not ch.isspace())),
)


class CharacterClassesValidator:
    """At least one lower-case letter, one upper-case letter, one digit and one special character."""

    def validate(self, password, user=None):
        errors = [
            ValidationError(f"Le mot de passe doit contenir au moins {label}.", code=f"password_no_{code}")
            for code, label, test in RULES
            if not any(test(ch) for ch in password)
        ]
        if errors:
            raise ValidationError(errors)

    def get_help_text(self):
        return "Votre mot de passe doit contenir une minuscule, une majuscule, un chiffre et un caractère spécial."


def password_rule_labels() -> list[str]:
    """The rules as shown next to every password field, before the user types."""
    min_length = 12
    for validator in settings.AUTH_PASSWORD_VALIDATORS:
        if validator["NAME"].endswith("MinimumLengthValidator"):
            min_length = validator.get("OPTIONS", {}).get("min_length", 8)
    return [f"au moins {min_length} caractères", *(label for _code, label, _test in RULES)]
