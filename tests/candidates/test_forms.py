from datetime import date

import pytest
from crispy_forms.utils import render_crispy_form
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.candidates.forms import (
    CandidateProfileForm,
    CvUploadForm,
    DesiredPlaceFormSet,
    EducationFormSet,
    ExperienceFormSet,
    LanguageFormSet,
    formset_items,
)
from portal.candidates.services import (
    candidate_desired_places_replace,
    candidate_experiences_replace,
    candidate_profile_update,
)
from tests.factories import CandidateProfileFactory, CommuneFactory, LanguageFactory, NafSectorFactory
from tests.factories.candidates import pdf_bytes


def formset_data(prefix, rows):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


@pytest.mark.django_db
def test_profile_form_feeds_the_update_service():
    profile = CandidateProfileFactory()
    sector = NafSectorFactory()
    form = CandidateProfileForm(
        data={
            "headline": "Vendeuse conseil",
            "phone": "0612345678",
            "home_commune": "63113",
            "desired_jobs": "Vendeuse\nConseillère de vente; Vendeuse",
            "contract_types": ["CDI", "CDD"],
            "working_time": ["PART_TIME"],
            "available_from": "2027-01-04",
            "driving_licence": "false",
            "salary_min": "24000",
            "sectors": [sector.pk],
            "skills": "Encaissement\nMerchandising",
        },
        instance=profile,
    )
    assert form.is_valid(), form.errors
    candidate_profile_update(profile=profile, data=form.profile_data(), sectors=form.cleaned_data["sectors"])
    profile.refresh_from_db()
    assert profile.desired_jobs == ["Vendeuse", "Conseillère de vente"]
    assert profile.phone == "+33612345678"
    assert profile.driving_licence is False
    assert profile.working_time == ["PART_TIME"]
    assert profile.home_commune_id == "63113"
    assert profile.available_from == date(2027, 1, 4)
    assert list(profile.sectors.all()) == [sector]


@pytest.mark.django_db
def test_profile_form_errors_are_french():
    CommuneFactory()
    form = CandidateProfileForm(
        data={"phone": "12", "contract_types": ["CDII"], "home_commune": "Atlantide", "salary_min": "-1"}
    )
    assert not form.is_valid()
    assert form.errors["phone"] == ["Numéro de téléphone non valide : « 12 »."]
    assert "CDII" in form.errors["contract_types"][0]
    assert form.errors["home_commune"][0].startswith("Commune inconnue")
    assert "salary_min" in form.errors


@pytest.mark.django_db
def test_profile_form_renders_current_values():
    profile = CandidateProfileFactory(skills=["GMAO", "Soudure"], driving_licence=None)
    html = CandidateProfileForm(instance=profile).as_div()
    assert "GMAO\nSoudure" in html
    assert '<option value="unknown" selected>Non précisé</option>' in html


@pytest.mark.django_db
def test_experience_formset_months_and_order():
    profile = CandidateProfileFactory()
    formset = ExperienceFormSet(
        data=formset_data(
            "form",
            [
                {"title": "Technicienne", "employer": "Michelin", "start": "2018-03", "end": ""},
                {"title": "Alternance", "start": "09/2015", "end": "2017-08"},
                {"title": "", "start": ""},  # the blank extra row
            ],
        )
    )
    assert formset.is_valid(), formset.errors
    items = formset_items(formset)
    assert [item["start"] for item in items] == [date(2018, 3, 1), date(2015, 9, 1)]
    candidate_experiences_replace(profile=profile, experiences=items)
    assert profile.experiences.count() == 2

    bad = ExperienceFormSet(data=formset_data("form", [{"title": "X", "start": "2022-05", "end": "2020-01"}]))
    assert not bad.is_valid()
    assert bad.forms[0].errors["end"] == ["La fin précède le début."]
    bad = ExperienceFormSet(data=formset_data("form", [{"title": "X", "start": "mars"}]))
    assert not bad.is_valid()
    assert bad.forms[0].errors["start"] == ["Indiquez un mois, par exemple 2018-03."]


@pytest.mark.django_db
def test_desired_place_formset():
    profile = CandidateProfileFactory()
    commune = CommuneFactory()
    formset = DesiredPlaceFormSet(
        data=formset_data("form", [{"commune": commune.pk, "radius_km": "40"}, {"department": "63"}])
    )
    assert formset.is_valid(), formset.errors
    candidate_desired_places_replace(profile=profile, places=formset_items(formset))
    assert [(p.commune_id, p.radius_km, p.department_id) for p in profile.desired_places.all()] == [
        ("63113", 40, None),
        (None, None, "63"),
    ]
    both = DesiredPlaceFormSet(data=formset_data("form", [{"commune": commune.pk, "department": "63"}]))
    assert not both.is_valid()
    assert both.forms[0].errors["department"] == ["Indiquez soit une commune et un rayon, soit un département."]
    too_far = DesiredPlaceFormSet(data=formset_data("form", [{"commune": commune.pk, "radius_km": "150"}]))
    assert not too_far.is_valid()


@pytest.mark.django_db
def test_language_formset_refuses_a_language_twice():
    english = LanguageFactory()
    formset = LanguageFormSet(
        data=formset_data(
            "form", [{"language": english.pk, "level": "B2"}, {"language": english.pk, "level": "C1"}]
        )
    )
    assert not formset.is_valid()
    assert formset.forms[1].errors["language"] == ["La langue « anglais » figure deux fois."]


def test_cv_upload_form():
    assert CvUploadForm(files={"cv": SimpleUploadedFile("cv.pdf", pdf_bytes("Cariste"))}).is_valid()
    form = CvUploadForm(files={"cv": SimpleUploadedFile("cv.pdf", b"")})
    assert not form.is_valid()
    assert form.errors["cv"]


@pytest.mark.django_db
@pytest.mark.parametrize("formset_class", [ExperienceFormSet, EducationFormSet, LanguageFormSet, DesiredPlaceFormSet])
def test_rows_never_open_a_form_of_their_own(formset_class):
    # The rows sit inside the section's single <form>: a <form> per row would close it early and
    # leave "Enregistrer" outside, doing nothing.
    formset = formset_class(prefix="rows")
    for form in [*formset.forms, formset.empty_form]:
        assert form.helper.form_tag is False
        assert "<form" not in render_crispy_form(form)
