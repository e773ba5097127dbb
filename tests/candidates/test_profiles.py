from datetime import date, timedelta

import pytest
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from django.utils import timezone

from portal.accounts.choices import Role
from portal.candidates.experience import experience_months, years_of_experience
from portal.candidates.models import CandidateProfile, DesiredPlace
from portal.candidates.selectors import visible_profiles, with_details
from portal.candidates.services import (
    candidate_consent_set,
    candidate_cv_delete,
    candidate_cv_replace,
    candidate_desired_places_replace,
    candidate_education_replace,
    candidate_experiences_replace,
    candidate_languages_replace,
    candidate_profile_create,
    candidate_profile_delete,
    candidate_profile_update,
)
from portal.candidates.signals import profile_changed
from tests.factories import (
    CandidateLanguageFactory,
    CandidateProfileFactory,
    CommuneFactory,
    DepartmentFactory,
    DesiredPlaceFactory,
    EducationFactory,
    ExperienceFactory,
    LanguageFactory,
    NafSectorFactory,
    UserFactory,
)
from tests.factories.candidates import docx_bytes, pdf_bytes

TODAY = date(2026, 11, 27)


# -- years of experience ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("periods", "months"),
    [
        ([], 0),
        ([(date(2020, 1, 1), date(2020, 12, 1))], 12),  # both months inclusive
        ([(date(2020, 1, 1), date(2020, 1, 1))], 1),
        # Two jobs at once count once: Jan 2020–Dec 2021 and Jun 2021–Mar 2022 -> Jan 2020–Mar 2022.
        ([(date(2020, 1, 1), date(2021, 12, 1)), (date(2021, 6, 1), date(2022, 3, 1))], 27),
        # Contained period adds nothing.
        ([(date(2015, 1, 1), date(2019, 12, 1)), (date(2016, 1, 1), date(2016, 6, 1))], 60),
        # A gap is not experience.
        ([(date(2010, 1, 1), date(2010, 6, 1)), (date(2012, 1, 1), date(2012, 6, 1))], 12),
        # Adjacent periods join without double counting.
        ([(date(2019, 1, 1), date(2019, 6, 1)), (date(2019, 7, 1), date(2019, 12, 1))], 12),
        # Open period runs to today (Jan 2026 .. Nov 2026).
        ([(date(2026, 1, 1), None)], 11),
        # The future counts for nothing: a job starting next year, an end date after today.
        ([(date(2027, 1, 1), None)], 0),
        ([(date(2026, 10, 1), date(2028, 1, 1))], 2),
        # Unordered input.
        ([(date(2022, 1, 1), date(2022, 12, 1)), (date(2018, 1, 1), date(2018, 12, 1))], 24),
    ],
)
def test_experience_months_union(periods, months):
    assert experience_months(periods, today=TODAY) == months


def test_years_of_experience_rounds_to_one_decimal():
    assert years_of_experience([(date(2020, 1, 1), date(2021, 6, 1))], today=TODAY) == 1.5
    assert years_of_experience([(date(2016, 10, 1), None)], today=TODAY) == 10.2


@pytest.mark.django_db
def test_profile_years_of_experience_and_highest_diploma(django_assert_num_queries):
    profile = CandidateProfileFactory()
    ExperienceFactory(profile=profile, start_date=date(2018, 3, 1), end_date=None)
    ExperienceFactory(profile=profile, start_date=date(2019, 1, 1), end_date=date(2020, 1, 1))
    ExperienceFactory(profile=profile, start_date=date(2010, 1, 1), end_date=date(2010, 12, 1))
    EducationFactory(profile=profile, level=5)
    EducationFactory(profile=profile, level=7)
    EducationFactory(profile=profile, level=None)
    loaded = with_details(CandidateProfile.objects.filter(pk=profile.pk)).get()
    with django_assert_num_queries(0):
        # Mar 2018 .. Nov 2026 = 105 months, plus 12 in 2010.
        assert loaded.years_of_experience(today=TODAY) == round(117 / 12, 1)
        assert loaded.highest_diploma_level() == 7


# -- visibility ---------------------------------------------------------------------------------
@pytest.mark.django_db
def test_visible_profiles_need_consent_an_active_account_and_recent_activity(settings):
    now = timezone.now()
    limit = settings.INACTIVE_PROFILE_HIDE_AFTER
    assert limit == timedelta(days=730)
    visible = CandidateProfileFactory(last_active_at=now - limit + timedelta(hours=1))
    CandidateProfileFactory(hidden=True)
    CandidateProfileFactory(last_active_at=now - limit - timedelta(hours=1))
    CandidateProfileFactory(user__is_active=False)
    assert list(visible_profiles(now=now)) == [visible]
    # The rule follows the setting, it is not a literal.
    settings.INACTIVE_PROFILE_HIDE_AFTER = timedelta(days=30)
    assert list(visible_profiles(now=now)) == []


@pytest.mark.django_db
def test_a_visible_profile_without_consent_date_is_refused_by_the_database():
    profile = CandidateProfileFactory(hidden=True)
    profile.visible_in_cvtheque = True
    with pytest.raises(IntegrityError), transaction.atomic():
        profile.save()


@pytest.mark.django_db
def test_login_resets_the_retention_clock():
    old = timezone.now() - timedelta(days=800)
    profile = CandidateProfileFactory(last_active_at=old)
    assert not visible_profiles().filter(pk=profile.pk).exists()
    request = RequestFactory().get("/")
    user_logged_in.send(sender=type(profile.user), request=request, user=profile.user)
    profile.refresh_from_db()
    assert profile.last_active_at > timezone.now() - timedelta(minutes=1)
    assert visible_profiles().filter(pk=profile.pk).exists()


# -- services -----------------------------------------------------------------------------------
@pytest.fixture
def changed():
    """Profile ids announced through profile_changed (run the code under django_capture_on_commit_callbacks)."""
    received: list[int] = []

    def receiver(sender, profile_ids, **kwargs):
        received.extend(profile_ids)

    profile_changed.connect(receiver)
    yield received
    profile_changed.disconnect(receiver)


@pytest.mark.django_db
def test_profile_create_and_update():
    user = UserFactory(role=Role.CANDIDATE)
    sector = NafSectorFactory()
    commune = CommuneFactory()
    profile = candidate_profile_create(
        user=user,
        data={
            "headline": "  Infirmière   de bloc ",
            "phone": "06 12 34 56 78",
            "desired_jobs": ["Infirmière", " infirmière ", "IBODE"],
            "contract_types": ["CDI", "CDI"],
            "home_commune": commune,
        },
        sectors=[sector],
        visible_in_cvtheque=True,
    )
    assert profile.headline == "Infirmière de bloc"
    assert profile.phone == "+33612345678"
    assert profile.desired_jobs == ["Infirmière", "IBODE"]
    assert profile.contract_types == ["CDI"]
    assert profile.consent_at is not None
    assert list(profile.sectors.all()) == [sector]

    before = profile.updated_at
    candidate_profile_update(profile=profile, data={"skills": ["Asepsie"], "salary_min": 32000})
    profile.refresh_from_db()
    assert profile.skills == ["Asepsie"] and profile.salary_min == 32000
    assert profile.updated_at > before
    assert list(profile.sectors.all()) == [sector]  # untouched when not given


@pytest.mark.django_db
def test_profile_create_refuses_bad_input_and_other_roles():
    recruiter = UserFactory(role=Role.RECRUITER)
    with pytest.raises(ValidationError, match="Seul un compte candidat"):
        candidate_profile_create(user=recruiter)
    user = UserFactory(role=Role.CANDIDATE)
    with pytest.raises(ValidationError) as caught:
        candidate_profile_create(user=user, data={"contract_types": ["CDII"]})
    assert "« CDII » n'est pas une valeur possible" in str(caught.value)
    with pytest.raises(ValidationError, match="Numéro de téléphone"):
        candidate_profile_create(user=user, data={"phone": "12"})
    assert not CandidateProfile.objects.exists()


@pytest.mark.django_db
def test_update_with_bad_data_leaves_the_profile_untouched():
    profile = CandidateProfileFactory(salary_min=30000)
    with pytest.raises(ValidationError):
        candidate_profile_update(profile=profile, data={"salary_min": 5_000_000})
    profile.refresh_from_db()
    assert profile.salary_min == 30000


@pytest.mark.django_db
def test_consent_withdrawal_hides_the_profile_at_once(changed, django_capture_on_commit_callbacks):
    profile = CandidateProfileFactory()
    consent_at = profile.consent_at
    with django_capture_on_commit_callbacks(execute=True):
        candidate_consent_set(profile=profile, visible=False)
    assert not visible_profiles().filter(pk=profile.pk).exists()
    assert changed == [profile.pk]
    candidate_consent_set(profile=profile, visible=True)
    profile.refresh_from_db()
    assert profile.visible_in_cvtheque and profile.consent_at > consent_at


@pytest.mark.django_db
def test_child_rows_are_replaced():
    profile = CandidateProfileFactory()
    ExperienceFactory(profile=profile)
    CandidateLanguageFactory(profile=profile)
    EducationFactory(profile=profile)
    DesiredPlaceFactory(profile=profile)
    english, german = LanguageFactory(), LanguageFactory(code="de", name="allemand")
    candidate_experiences_replace(
        profile=profile,
        experiences=[{"title": "Serveuse", "employer": "Brasserie", "start": date(2020, 5, 17), "end": None}],
    )
    candidate_education_replace(profile=profile, education=[{"level": 4, "title": "Bac pro", "year": 2019}])
    candidate_languages_replace(
        profile=profile, languages=[{"language": english, "level": "C1"}, {"language": german, "level": ""}]
    )
    candidate_desired_places_replace(
        profile=profile, places=[{"department": DepartmentFactory(code="69", name="Rhône")}]
    )
    (experience,) = profile.experiences.all()
    assert experience.start_date == date(2020, 5, 1)
    assert [edu.title for edu in profile.education.all()] == ["Bac pro"]
    assert sorted(profile.languages.values_list("language_id", "level")) == [("de", ""), ("en", "C1")]
    assert [(p.department_id, p.radius_km) for p in profile.desired_places.all()] == [("69", None)]


@pytest.mark.django_db
def test_child_rows_with_bad_input_leave_data_untouched():
    profile = CandidateProfileFactory()
    ExperienceFactory(profile=profile, title="Avant")
    with pytest.raises(ValidationError):
        candidate_experiences_replace(
            profile=profile, experiences=[{"title": "Après", "start": "2022-05", "end": "2020-01"}]
        )
    with pytest.raises(ValidationError):
        candidate_desired_places_replace(
            profile=profile, places=[{"commune": CommuneFactory(), "radius_km": 150}]
        )
    english = LanguageFactory()
    with pytest.raises(ValidationError, match="figure deux fois"):
        candidate_languages_replace(
            profile=profile,
            languages=[{"language": english, "level": "B1"}, {"language": english, "level": "C1"}],
        )
    assert [exp.title for exp in profile.experiences.all()] == ["Avant"]
    assert profile.languages.count() == 0


@pytest.mark.django_db
def test_desired_place_is_a_commune_with_radius_or_a_department():
    profile = CandidateProfileFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        DesiredPlace.objects.create(
            profile=profile, commune=CommuneFactory(), radius_km=10, department=DepartmentFactory()
        )


@pytest.mark.django_db(transaction=True)
def test_cv_replace_stores_extracts_and_drops_the_previous_file():
    profile = CandidateProfileFactory()
    storage = storages["private"]
    candidate_cv_replace(
        profile=profile,
        uploaded_file=SimpleUploadedFile("Mon CV.pdf", pdf_bytes("Chef de rang", "Brasserie")),
    )
    first = profile.cv_file.name
    assert first.startswith("cv/") and first.endswith(".pdf") and "Mon CV" not in first
    assert storage.exists(first)
    assert profile.cv_original_name == "Mon CV.pdf"
    assert "Chef de rang" in profile.cv_text
    assert profile.cv_uploaded_at is not None

    candidate_cv_replace(
        profile=profile, uploaded_file=SimpleUploadedFile("cv.docx", docx_bytes("Cheffe de rang"))
    )
    profile.refresh_from_db()
    assert profile.cv_file.name.endswith(".docx")
    assert profile.cv_text == "Cheffe de rang"
    assert storage.exists(profile.cv_file.name)
    assert not storage.exists(first)

    second = profile.cv_file.name
    with pytest.raises(ValidationError, match="Format non reconnu"):
        candidate_cv_replace(profile=profile, uploaded_file=SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 exe"))
    profile.refresh_from_db()
    assert profile.cv_file.name == second and profile.cv_text == "Cheffe de rang"
    assert storage.exists(second)

    candidate_cv_delete(profile=profile)
    profile.refresh_from_db()
    assert not profile.cv_file and profile.cv_text == ""
    assert not storage.exists(second)


@pytest.mark.django_db
def test_services_announce_changes_after_commit(changed, django_capture_on_commit_callbacks):
    profile = CandidateProfileFactory()
    profile_id = profile.pk
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        candidate_profile_update(profile=profile, data={"headline": "Boulanger"})
        assert changed == []  # not before the commit
        candidate_cv_replace(
            profile=profile, uploaded_file=SimpleUploadedFile("cv.pdf", pdf_bytes("Boulanger"))
        )
        candidate_profile_delete(profile=profile)
    assert len(callbacks) >= 3
    assert changed == [profile_id, profile_id, profile_id]
    assert not CandidateProfile.objects.filter(pk=profile_id).exists()


@pytest.mark.django_db(transaction=True)
def test_deleting_the_account_erases_the_profile_and_its_cv(changed):
    profile = CandidateProfileFactory()
    candidate_cv_replace(profile=profile, uploaded_file=SimpleUploadedFile("cv.pdf", pdf_bytes("Cariste")))
    stored, profile_id = profile.cv_file.name, profile.pk
    assert storages["private"].exists(stored)
    changed.clear()
    profile.user.delete()
    assert not CandidateProfile.objects.filter(pk=profile_id).exists()
    assert not storages["private"].exists(stored)
    assert changed == [profile_id]
