import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command

from recruiters.choices import CompanyStatus, RecruiterStatus
from recruiters.models import Company, Recruiter
from recruiters.selectors import active_company_for
from tests.factories import CommuneFactory, CompanyFactory, NafSectorFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_create_a_pending_recruiter(capsys):
    commune = CommuneFactory()
    call_command("create_recruiter", "Paul@Volcans.example", "--company", "Volcans SA", "--siren", "732 829 320",
                 "--commune", commune.insee)
    recruiter = Recruiter.objects.get()
    assert recruiter.user.email == "paul@volcans.example" and recruiter.status == RecruiterStatus.PENDING
    assert recruiter.company.siren == "732829320" and recruiter.company.commune == commune
    assert not recruiter.user.has_usable_password()
    assert "en attente de validation" in capsys.readouterr().out
    [message] = mail.outbox
    assert "/compte/mot-de-passe/" in message.body


def test_create_an_approved_recruiter_with_all_options():
    NafSectorFactory()
    call_command("create_recruiter", "paul@volcans.example", "--company", "Volcans SA", "--siren", "732829320",
                 "--approve", "--naf", "22.11z", "--type", "pme", "--phone", "04 73 12 34 56",
                 "--first-name", "Paul", "--last-name", "Durand")
    recruiter = Recruiter.objects.get()
    assert recruiter.status == RecruiterStatus.APPROVED and recruiter.company.status == CompanyStatus.ACTIVE
    assert recruiter.company.phone == "+33473123456" and recruiter.company.naf_sector_id == "22.11Z"
    assert active_company_for(recruiter.user) == recruiter.company
    assert recruiter.company.decisions.get().decided_by is None
    [message] = mail.outbox
    assert "Ce compte est validé" in message.body


def test_the_password_link_lets_the_recruiter_choose_a_password(client):
    call_command("create_recruiter", "paul@volcans.example", "--company", "Volcans SA", "--siren", "732829320",
                 "--approve")
    link = next(word for word in mail.outbox[0].body.split() if "/compte/mot-de-passe/" in word)
    form_url = client.get(link.split("8000", 1)[1])["Location"]
    client.post(form_url, {"new_password1": "Volcans-Recrute-2026!", "new_password2": "Volcans-Recrute-2026!"})
    assert get_user_model().objects.get().check_password("Volcans-Recrute-2026!")


@pytest.mark.parametrize(("args", "message"), [
    (["--siren", "732829321"], "clé de contrôle"),
    (["--siren", "12"], "9 chiffres"),
    (["--siren", "732829320", "--commune", "99999"], "Commune inconnue"),
    (["--siren", "732829320", "--naf", "00.00Z"], "Secteur NAF inconnu"),
    (["--siren", "732829320", "--phone", "12"], "numéro de téléphone"),
])
def test_bad_input_is_a_clear_error_and_stores_nothing(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_recruiter", "paul@volcans.example", "--company", "Volcans SA", *args)
    assert not get_user_model().objects.exists() and not Company.objects.exists() and not mail.outbox


def test_existing_email_or_siren_is_refused():
    UserFactory(email="paul@volcans.example")
    CompanyFactory(siren="732829320")
    with pytest.raises(CommandError, match="Un compte existe déjà"):
        call_command("create_recruiter", "paul@volcans.example", "--company", "X", "--siren", "552100554")
    with pytest.raises(CommandError, match="SIREN est déjà inscrite"):
        call_command("create_recruiter", "autre@volcans.example", "--company", "X", "--siren", "732829320")


def test_bad_email_exits_non_zero_without_traceback(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", "VIVIER_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "manage.py", "create_recruiter", "pas-une-adresse", "--company", "X", "--siren", "732829320"],
        capture_output=True, text=True, env=env, check=False,
    )
    assert result.returncode != 0
    assert "adresse électronique valide" in result.stderr and "Traceback" not in result.stderr
