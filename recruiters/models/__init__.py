from .companies import Company, Invitation, JoinRequest, Recruiter, ValidationDecision
from .contact import ContactRequest
from .home import RecruiterHomeSettings
from .signup import SignupDraft

__all__ = [
    "Company",
    "ContactRequest",
    "Invitation",
    "JoinRequest",
    "Recruiter",
    "RecruiterHomeSettings",
    "SignupDraft",
    "ValidationDecision",
]
