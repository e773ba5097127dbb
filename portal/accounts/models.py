from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models

from .choices import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.EDITOR)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        # E-mail addresses are stored lower-cased; logins are case-insensitive.
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser):
    """A person who logs in with an e-mail address: candidate, recruiter or editorial staff."""

    username = None
    email = models.EmailField("adresse électronique", unique=True)
    role = models.CharField("rôle", max_length=16, choices=Role.choices, default=Role.CANDIDATE)
    email_confirmed_at = models.DateTimeField("adresse confirmée le", null=True, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        if self.email:
            self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def is_candidate(self) -> bool:
        return self.role == Role.CANDIDATE

    @property
    def is_recruiter(self) -> bool:
        return self.role == Role.RECRUITER

    @property
    def is_editor(self) -> bool:
        return self.role == Role.EDITOR or self.is_superuser
