"""CV files: recognise the format from the bytes, refuse anything else, extract the text.

Only PDF, DOCX and ODT are accepted, whatever the file is called: a PDF starts with ``%PDF-``; DOCX and
ODT are zip archives that declare their type inside (``[Content_Types].xml``, ``mimetype``). Every
refusal is a ``ValidationError`` with a French message saying what to do, so forms, services and the
import command report it the same way.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import math
import re
import zipfile
from dataclasses import dataclass

import docx
import pypdf
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from odf import teletype
from odf.namespaces import TEXTNS
from odf.opendocument import load as odf_load

from .choices import CV_TEXT_MAX_CHARS

logger = logging.getLogger(__name__)

PDF = "pdf"
DOCX = "docx"
ODT = "odt"

CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ODT: "application/vnd.oasis.opendocument.text",
}
ACCEPT_ATTRIBUTE = ".pdf,.docx,.odt," + ",".join(CONTENT_TYPES.values())

_DOCX_MAIN_PART = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Archive limits: real CVs stay far below; beyond them the archive is a decompression bomb.
MAX_ARCHIVE_MEMBERS = 2_000
MAX_ARCHIVE_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_MEMBER_RATIO = 200
MAX_PDF_PAGES = 60

UNKNOWN_FORMAT_MESSAGE = "Format non reconnu : envoyez un PDF, un DOCX ou un ODT."
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\xa0\u2000-\u200b\u202f]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*(\n\s*)+")


@dataclass(frozen=True)
class CvContent:
    """A checked CV: its bytes, detected format and extracted text."""

    data: bytes
    format: str
    text: str
    sha256: str

    @property
    def extension(self) -> str:
        return self.format

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]


def format_megabytes(size: int) -> str:
    """French size in Mo, rounded up to one decimal so that a refused file never shows "5 Mo"."""
    megabytes = math.ceil(size * 10 / (1024 * 1024)) / 10
    if megabytes == int(megabytes):
        return f"{int(megabytes)} Mo"
    return f"{megabytes:.1f}".replace(".", ",") + " Mo"


def _too_large(size: int, max_bytes: int) -> ValidationError:
    limit = format_megabytes(max_bytes)
    return ValidationError(
        "Le fichier pèse %(size)s : %(limit)s maximum.",
        code="too_large",
        params={"size": format_megabytes(size), "limit": limit},
    )


def read_upload(uploaded_file, *, max_bytes: int | None = None) -> bytes:
    """The bytes of an uploaded (or opened) file, refusing empty and oversized ones before reading."""
    max_bytes = settings.CV_MAX_BYTES if max_bytes is None else max_bytes
    declared = getattr(uploaded_file, "size", None)
    if declared is not None and declared > max_bytes:
        raise _too_large(declared, max_bytes)
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    data = uploaded_file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(declared or len(data), max_bytes)
    if not data:
        raise ValidationError("Le fichier est vide.", code="empty")
    return data


def _check_archive(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise ValidationError(UNKNOWN_FORMAT_MESSAGE, code="suspicious_archive")
    total = 0
    for member in members:
        total += member.file_size
        if (
            member.compress_size
            and member.file_size / member.compress_size > MAX_MEMBER_RATIO
            and (member.file_size > 1024 * 1024)
        ):
            raise ValidationError(UNKNOWN_FORMAT_MESSAGE, code="suspicious_archive")
    if total > MAX_ARCHIVE_UNCOMPRESSED_BYTES:
        raise ValidationError(UNKNOWN_FORMAT_MESSAGE, code="suspicious_archive")


def _zip_format(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ValidationError(UNKNOWN_FORMAT_MESSAGE, code="unknown_format") from exc
    with archive:
        _check_archive(archive)
        names = set(archive.namelist())
        try:
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].strip()
                if mimetype == CONTENT_TYPES[ODT].encode() and "content.xml" in names:
                    return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                content_types = archive.read("[Content_Types].xml")
                if _DOCX_MAIN_PART.encode() in content_types:
                    return DOCX
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            EOFError,
            ValueError,
            NotImplementedError,
            RuntimeError,
            OSError,
        ) as exc:
            raise ValidationError(UNKNOWN_FORMAT_MESSAGE, code="unknown_format") from exc
    raise ValidationError(UNKNOWN_FORMAT_MESSAGE, code="unknown_format")


def detect_format(data: bytes) -> str:
    """``pdf``, ``docx`` or ``odt`` from the content, or a ValidationError."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(data)
    raise ValidationError(UNKNOWN_FORMAT_MESSAGE, code="unknown_format")


def clean_text(raw: str) -> str:
    """Plain text fit for a database and an index: no control characters, tidy spaces and lines."""
    text = _CONTROL_CHARS.sub(" ", raw.replace("\r\n", "\n").replace("\r", "\n"))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return text[:CV_TEXT_MAX_CHARS]


def _unreadable(label: str) -> ValidationError:
    return ValidationError(
        "Le fichier %(label)s est endommagé ou illisible. Ouvrez-le, enregistrez-le à nouveau "
        "(ou exportez-le en PDF), puis renvoyez-le.",
        code="unreadable",
        params={"label": label},
    )


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValidationError(
            "Le PDF est protégé par un mot de passe : envoyez une version sans protection.",
            code="encrypted",
        )
    pages = reader.pages
    if len(pages) == 0:
        raise ValueError("PDF without pages")
    parts: list[str] = []
    length = 0
    for index in range(min(len(pages), MAX_PDF_PAGES)):
        part = pages[index].extract_text() or ""
        parts.append(part)
        length += len(part)
        if length > CV_TEXT_MAX_CHARS:
            break
    return "\n".join(parts)


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:
                # Merged cells repeat; keep each text once per row.
                if cell.text not in cells:
                    cells.append(cell.text)
            parts.append(" | ".join(cells))
    for section in document.sections:
        parts.extend(paragraph.text for paragraph in section.header.paragraphs)
    return "\n".join(parts)


def _odt_text(data: bytes) -> str:
    document = odf_load(io.BytesIO(data))
    parts: list[str] = []
    # Paragraphs and headings in document order, wherever they sit (tables, lists, frames).
    stack = list(reversed(document.text.childNodes))
    while stack:
        node = stack.pop()
        if getattr(node, "qname", None) in _ODF_BLOCKS:
            parts.append(teletype.extractText(node))
        else:
            stack.extend(reversed(getattr(node, "childNodes", [])))
    return "\n".join(parts)


_ODF_BLOCKS = {(TEXTNS, "p"), (TEXTNS, "h")}
_EXTRACTORS = {PDF: _pdf_text, DOCX: _docx_text, ODT: _odt_text}


def extract_text(data: bytes, file_format: str) -> str:
    """The text of a CV whose format was detected, or a ValidationError if it cannot be read."""
    try:
        raw = _EXTRACTORS[file_format](data)
    except ValidationError:
        raise
    except Exception as exc:
        # Parsers of untrusted files fail in many ways (pypdf, lxml, sax, zipfile, recursion...);
        # every one of them means the same to the candidate: the file cannot be read.
        logger.info("Unreadable %s refused: %r", file_format, exc)
        raise _unreadable(file_format.upper()) from exc
    return clean_text(raw)


def inspect_cv(uploaded_file) -> CvContent:
    """Check a CV (size, format by content, readability) and extract its text.

    The result is remembered on the file object, so a form that validated the file and the service
    that stores it read and parse it only once.
    """
    cached = getattr(uploaded_file, "_vivier_cv", None)
    if cached is not None:
        return cached
    data = read_upload(uploaded_file)
    file_format = detect_format(data)
    content = CvContent(
        data=data,
        format=file_format,
        text=extract_text(data, file_format),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    with contextlib.suppress(AttributeError):
        uploaded_file._vivier_cv = content
    return content


def validate_cv_file(uploaded_file) -> None:
    """Validator for form fields: refuses anything inspect_cv refuses."""
    inspect_cv(uploaded_file)


class CvFileField(forms.FileField):
    """A file field that accepts only real PDF, DOCX and ODT CVs within settings.CV_MAX_BYTES."""

    default_validators = [validate_cv_file]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "CV")
        kwargs.setdefault(
            "help_text",
            f"PDF, DOCX ou ODT, {format_megabytes(settings.CV_MAX_BYTES)} maximum.",
        )
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["accept"] = ACCEPT_ATTRIBUTE
        return attrs
