import factory
from django.utils import timezone
from stdnum import luhn

from portal.accounts.choices import Role
from recruiters.choices import CompanyStatus, CompanyType, JoinRequestStatus, RecruiterStatus
from recruiters.models import Company, ContactRequest, Invitation, JoinRequest, Recruiter
from recruiters.services import moderator_grant, recruiters_group

from .accounts import UserFactory
from .reference import CommuneFactory, NafSectorFactory


def valid_siren(n: int) -> str:
    """A SIREN with a correct check digit, different for each n."""
    body = f"{(n * 7919 + 12345) % 10**8:08d}"
    return body + luhn.calc_check_digit(body)


class CompanyFactory(factory.django.DjangoModelFactory):
    """An active (validated) company; pass status=CompanyStatus.PENDING for a fresh sign-up."""

    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Entreprise {n}")
    siren = factory.Sequence(valid_siren)
    head_office_address = "12 rue de la République"
    commune = factory.SubFactory(CommuneFactory)
    phone = "+33473123456"
    naf_sector = factory.SubFactory(NafSectorFactory)
    company_type = CompanyType.PME
    status = CompanyStatus.ACTIVE
    validated_at = factory.LazyAttribute(lambda o: timezone.now() if o.status == CompanyStatus.ACTIVE else None)


class RecruiterUserFactory(UserFactory):
    email = factory.Sequence(lambda n: f"recruteur{n}@entreprise.example")
    role = Role.RECRUITER
    email_confirmed_at = factory.LazyFunction(timezone.now)


class RecruiterFactory(factory.django.DjangoModelFactory):
    """An approved recruiter of an active company, with admin access, unless told otherwise.

    ``RecruiterFactory(pending=True)`` is a fresh sign-up: confirmed address, pending account and company.
    """

    class Meta:
        model = Recruiter
        skip_postgeneration_save = True

    class Params:
        pending = factory.Trait(
            status=RecruiterStatus.PENDING,
            is_founder=True,
            user=factory.SubFactory(RecruiterUserFactory, role=Role.CANDIDATE),
            company=factory.SubFactory(CompanyFactory, status=CompanyStatus.PENDING),
        )

    user = factory.SubFactory(RecruiterUserFactory)
    company = factory.SubFactory(CompanyFactory)
    status = RecruiterStatus.APPROVED
    cgu_accepted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def admin_access(self, create, extracted, **kwargs):
        if create and self.status == RecruiterStatus.APPROVED and self.company.status == CompanyStatus.ACTIVE:
            self.user.groups.add(recruiters_group())


class ModeratorFactory(UserFactory):
    """Editorial staff in the "Modérateurs" group."""

    email = factory.Sequence(lambda n: f"moderateur{n}@vivier.example")
    role = Role.EDITOR
    email_confirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def moderator(self, create, extracted, **kwargs):
        if create:
            moderator_grant(user=self)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    company = factory.SubFactory(CompanyFactory)
    email = factory.Sequence(lambda n: f"collegue{n}@entreprise.example")
    invited_by = factory.LazyAttribute(lambda o: RecruiterFactory(company=o.company).user)


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    company = factory.SubFactory(CompanyFactory)
    user = factory.SubFactory(UserFactory, email_confirmed_at=factory.LazyFunction(timezone.now))
    status = JoinRequestStatus.PENDING
    cgu_accepted_at = factory.LazyFunction(timezone.now)


class ContactRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactRequest

    company = factory.SubFactory(CompanyFactory)
    author = factory.LazyAttribute(lambda o: RecruiterFactory(company=o.company).user)
    subject = "Question sur la CVthèque"
    message = "Bonjour, comment enregistrer une recherche ?"
    callback_phone = "+33473123456"
