"""What the CVthèque search keeps between searches (the company's marks, the communes of a radius)
is refreshed as soon as the data behind it changes."""

from datetime import datetime

import pytest
from django.utils import timezone

from search.choices import ProfileStatusValue
from search.models import Comment, ProfileAccess, ProfileStatus
from search.selectors import company_marks
from search.services import comment_add, comment_delete, profile_access_record, profile_status_set
from tests.factories import RecruiterFactory

from .conftest import reindex, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(index, make_profile):
    profiles = [make_profile(headline="Soudeur", cv_text="Soudure TIG"), make_profile(headline="Tourneur")]
    reindex()
    return profiles


def card(page, profile):
    return next(card for card in page.cards if card.profile.pk == profile.pk)


def test_a_profile_opened_is_seen_in_the_next_search(two, recruiter):
    before = search(recruiter.user)
    assert before.result.facets["historique"].counts == {"vus": 0, "non_vus": 2}
    profile_access_record(user=recruiter.user, profile=two[0])
    after = search(recruiter.user)
    assert after.result.facets["historique"].counts == {"vus": 1, "non_vus": 1}
    assert card(after, two[0]).seen and not card(after, two[1]).seen
    assert [c.profile.pk for c in search(recruiter.user, filters=["historique=vus"]).cards] == [two[0].pk]


def test_a_status_changed_in_place_at_the_same_instant_shows_at_once(two, recruiter, monkeypatch):
    # Same row, same timestamp: only the status itself differs.
    frozen = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.get_current_timezone())
    monkeypatch.setattr(timezone, "now", lambda: frozen)
    profile_status_set(user=recruiter.user, profile=two[0], status=ProfileStatusValue.RETAINED)
    page = search(recruiter.user)
    assert card(page, two[0]).status == ProfileStatusValue.RETAINED
    assert page.result.facets["suivi"].counts["retenu"] == 1
    profile_status_set(user=recruiter.user, profile=two[0], status=ProfileStatusValue.REJECTED)
    page = search(recruiter.user)
    assert card(page, two[0]).status == ProfileStatusValue.REJECTED
    assert page.result.facets["suivi"].counts["retenu"] == 0
    assert page.result.facets["suivi"].counts["ecarte"] == 1


def test_comments_added_and_deleted(two, recruiter):
    comment = comment_add(user=recruiter.user, profile=two[1], text="À rappeler")
    comment_add(user=recruiter.user, profile=two[1], text="Disponible en mars")
    page = search(recruiter.user)
    assert card(page, two[1]).comment_count == 2
    assert page.result.facets["suivi"].counts["commente"] == 1
    comment_delete(user=recruiter.user, comment=comment)
    assert card(search(recruiter.user), two[1]).comment_count == 1
    comment_delete(user=recruiter.user, comment=Comment.objects.get(profile=two[1]))
    page = search(recruiter.user)
    assert card(page, two[1]).comment_count == 0
    assert page.result.facets["suivi"].counts["commente"] == 0


def test_a_row_replaced_under_the_same_id_is_noticed(two, recruiter):
    # SQLite hands out an id again after a rollback: same count, same highest id, another profile.
    def access(profile, **fields):
        return ProfileAccess.objects.create(company=recruiter.company, user=recruiter.user,
                                            user_email=recruiter.user.email, profile=profile, **fields)

    pk = access(two[0]).pk
    assert company_marks(recruiter.company).seen == {two[0].pk}
    ProfileAccess.objects.filter(pk=pk).delete()
    access(two[1], pk=pk)
    assert company_marks(recruiter.company).seen == {two[1].pk}
    assert not ProfileStatus.objects.filter(company=recruiter.company).exists()


def test_unchanged_marks_are_not_loaded_again(two, recruiter, django_assert_num_queries):
    profile_access_record(user=recruiter.user, profile=two[0])
    first = company_marks(recruiter.company)
    with django_assert_num_queries(1):
        again = company_marks(recruiter.company)
    assert again is first


def test_marks_stay_with_their_company(two, recruiter):
    other = RecruiterFactory()
    profile_access_record(user=other.user, profile=two[0])
    assert company_marks(other.company).seen == {two[0].pk}
    assert company_marks(recruiter.company).seen == frozenset()
    assert search(recruiter.user).result.facets["historique"].counts["vus"] == 0


def test_a_radius_follows_a_commune_moved_in_the_reference_data(index, make_profile, places, recruiter):
    make_profile(headline="Riom", home="riom")
    reindex()
    assert {c.profile.headline for c in search(recruiter.user, places=["63113:20"]).cards} == {"Riom"}
    # Saving a commune bumps the communes dataset version: the cached circle is computed again.
    riom = places["riom"]
    riom.latitude, riom.longitude = 48.85, 2.35
    riom.save()
    assert search(recruiter.user, places=["63113:20"]).cards == []
