"""Responses for private files (CVs, recorded videos): the headers that keep a hostile file inert.

A private file is uploaded by one person and opened by another (a candidate's CV by a recruiter), so
its content is never trusted: it is served with its checked type and ``nosniff`` (never rendered as
a page), never cached by a shared cache, and under ``Content-Security-Policy: sandbox``, which gives
any document the browser might render from it an opaque origin with scripts, forms and plugins off.

One exception keeps the product's inline CV viewer working: a PDF shown inline. Chromium refuses to
start its PDF viewer in a sandboxed document, so such a response says ``frame-ancestors 'self'``
instead: the PDF viewer runs the file in its own isolated process or origin, never in ours, and
``nosniff`` with ``application/pdf`` keeps a PDF/HTML polyglot from being read as a page. Every
other response (downloads, any other type, videos) is sandboxed; ``?telecharger=1`` downloads.
"""

from __future__ import annotations

import mimetypes

from django.http import FileResponse

SANDBOX_POLICY = "sandbox"
INLINE_PDF_POLICY = "frame-ancestors 'self'"
INLINE_TYPES = {"application/pdf"}
DOWNLOAD_PARAMETERS = ("telecharger", "download")
# The types stored CVs are checked to have (portal.candidates.cv); the guess covers anything else.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}


def content_type_for(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return CONTENT_TYPES.get(extension) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def download_requested(request) -> bool:
    """``?telecharger=1`` (or the older ``?download=1``) asks for the file as an attachment."""
    return any(request.GET.get(name, "") not in ("", "0") for name in DOWNLOAD_PARAMETERS)


def protect_private_response(response, *, content_type: str, inline: bool):
    """Set the headers every private file response carries (see the module docstring)."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    inline_pdf = inline and content_type in INLINE_TYPES
    response["Content-Security-Policy"] = INLINE_PDF_POLICY if inline_pdf else SANDBOX_POLICY
    return response


def private_file_response(request, handle, *, filename: str, content_type: str, download: bool | None = None):
    """A private file, inline when it is a PDF and no download was asked for, else as an attachment.

    ``download`` forces the choice (a view with a download URL of its own); by default the request's
    ``?telecharger=1`` decides.
    """
    if download is None:
        download = download_requested(request)
    inline = not download and content_type in INLINE_TYPES
    response = FileResponse(handle, as_attachment=not inline, filename=filename, content_type=content_type)
    return protect_private_response(response, content_type=content_type, inline=inline)
