"""Factories for every app, imported from here by tests: ``from tests.factories import UserFactory``."""

from .accounts import UserFactory
from .candidates import (
    CandidateLanguageFactory,
    CandidateProfileFactory,
    CandidateUserFactory,
    DesiredPlaceFactory,
    EducationFactory,
    ExperienceFactory,
)
from .offers import (
    ApplicationFactory,
    AugmentedOfferRuleFactory,
    InterviewCampaignFactory,
    InterviewQuestionFactory,
    JobOfferFactory,
)
from .recruiters import (
    CompanyFactory,
    ContactRequestFactory,
    InvitationFactory,
    JoinRequestFactory,
    ModeratorFactory,
    RecruiterFactory,
    RecruiterUserFactory,
)
from .reference import (
    CommuneFactory,
    DepartmentFactory,
    JobTitleFactory,
    LanguageFactory,
    NafSectorFactory,
    RegionFactory,
)
from .search import (
    CommentFactory,
    ContactMessageFactory,
    FolderFactory,
    FolderProfileFactory,
    ProfileAccessFactory,
    ProfileStatusFactory,
    SavedSearchFactory,
)

__all__ = [
    "ApplicationFactory",
    "AugmentedOfferRuleFactory",
    "InterviewCampaignFactory",
    "InterviewQuestionFactory",
    "JobOfferFactory",
    "CandidateLanguageFactory",
    "CandidateProfileFactory",
    "CandidateUserFactory",
    "DesiredPlaceFactory",
    "EducationFactory",
    "ExperienceFactory",
    "CommentFactory",
    "CommuneFactory",
    "ContactMessageFactory",
    "FolderFactory",
    "FolderProfileFactory",
    "ProfileAccessFactory",
    "ProfileStatusFactory",
    "SavedSearchFactory",
    "CompanyFactory",
    "ContactRequestFactory",
    "InvitationFactory",
    "JoinRequestFactory",
    "ModeratorFactory",
    "RecruiterFactory",
    "RecruiterUserFactory",
    "DepartmentFactory",
    "JobTitleFactory",
    "LanguageFactory",
    "NafSectorFactory",
    "RegionFactory",
    "UserFactory",
]
