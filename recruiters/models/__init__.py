from .applications import (
    DEFAULT_EMAIL_TEMPLATES,
    EMAIL_TEMPLATE_VARIABLES_TEXT,
    Application,
    ApplicationComment,
    ApplicationEvent,
    EmailTemplate,
    RecruiterNotificationSettings,
    email_template_fill,
    email_template_variables,
)
from .augmented import AugmentedOfferImage, AugmentedOfferRule
from .companies import Company, Invitation, JoinRequest, Recruiter, ValidationDecision
from .contact import ContactRequest
from .home import RecruiterHomeSettings
from .interviews import InterviewAnswer, InterviewCampaign, InterviewInvitation, InterviewQuestion
from .offers import JobOffer, JobOfferLanguage
from .signup import SignupDraft

__all__ = [
    "DEFAULT_EMAIL_TEMPLATES",
    "EMAIL_TEMPLATE_VARIABLES_TEXT",
    "Application",
    "ApplicationComment",
    "ApplicationEvent",
    "AugmentedOfferImage",
    "AugmentedOfferRule",
    "Company",
    "ContactRequest",
    "EmailTemplate",
    "Invitation",
    "InterviewAnswer",
    "InterviewCampaign",
    "InterviewInvitation",
    "InterviewQuestion",
    "JobOffer",
    "JobOfferLanguage",
    "JoinRequest",
    "Recruiter",
    "RecruiterHomeSettings",
    "RecruiterNotificationSettings",
    "SignupDraft",
    "ValidationDecision",
    "email_template_fill",
    "email_template_variables",
]
