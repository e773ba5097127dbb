import factory

from portal.accounts.choices import Role
from portal.accounts.models import User

DEFAULT_PASSWORD = "Motdepasse-solide-42!"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    role = Role.CANDIDATE
    password = factory.django.Password(DEFAULT_PASSWORD)
