"""Factories for every app, imported from here by tests: ``from tests.factories import UserFactory``."""

from .accounts import UserFactory

__all__ = ["UserFactory"]
