"""The pieces of a candidate's data export (GDPR articles 15 and 20).

This app writes the account and the profile. Apps above it (applications, video interviews) hold
more about the candidate: they answer ``signals.export_requested`` with an ``ExportPart``, which the
export adds to ``donnees.json`` under its key, with its files in the archive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.files.storage import Storage


@dataclass(frozen=True)
class ExportFile:
    """A stored file copied into the archive at ``path``. Already compressed media (videos) are
    stored as they are: deflating them again costs time and saves nothing."""

    path: str
    storage: Storage
    name: str
    compress: bool = True


@dataclass
class ExportPart:
    key: str
    data: Any
    files: list[ExportFile] = field(default_factory=list)
