"""Factories for every app, imported from here by tests: ``from tests.factories import UserFactory``."""

from .accounts import UserFactory
from .reference import (
    CommuneFactory,
    DepartmentFactory,
    JobTitleFactory,
    LanguageFactory,
    NafSectorFactory,
    RegionFactory,
)

__all__ = [
    "CommuneFactory",
    "DepartmentFactory",
    "JobTitleFactory",
    "LanguageFactory",
    "NafSectorFactory",
    "RegionFactory",
    "UserFactory",
]
