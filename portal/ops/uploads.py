"""Upload limits enforced before a request body is read.

Django parses a multipart body as soon as anything touches ``request.POST`` or ``request.FILES``,
and the CSRF middleware does so for every POST: files over ``FILE_UPLOAD_MAX_MEMORY_SIZE`` are then
written to a temporary file in full, however large, before any form can refuse them. This middleware
sits before the CSRF middleware and compares the declared ``Content-Length`` with the limit of the
view the request goes to, so an oversized upload is answered 413 without being read.

Limits are set in settings: ``UPLOAD_MAX_BYTES`` for any request, ``UPLOAD_LIMITS`` by URL name for
the views that take smaller (CVs) or larger (videos) files; each is the file's allowance, to which
``UPLOAD_FORM_OVERHEAD_BYTES`` is added for the multipart envelope and the other fields. A value may
be the dotted path of a function returning the number, for limits that live with their feature.
"""

from __future__ import annotations

import math
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.module_loading import import_string
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField

BODY_METHODS = {"POST", "PUT", "PATCH"}


def megabytes_label(size: int) -> str:
    """French size in Mo, rounded up to one decimal (« 5 Mo », « 10,5 Mo »)."""
    megabytes = math.ceil(size * 10 / (1024 * 1024)) / 10
    if megabytes == int(megabytes):
        return f"{int(megabytes)} Mo"
    return f"{megabytes:.1f}".replace(".", ",") + " Mo"


def declared_length(request) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def upload_allowance(view_name: str | None) -> int:
    """The file allowance (bytes) of the view named ``view_name``, without the form overhead."""
    limit = settings.UPLOAD_LIMITS.get(view_name or "", settings.UPLOAD_MAX_BYTES)
    if isinstance(limit, str):
        limit = import_string(limit)()
    return int(limit)


def request_limit(view_name: str | None) -> int:
    return upload_allowance(view_name) + settings.UPLOAD_FORM_OVERHEAD_BYTES


class UploadSizeLimitMiddleware:
    """Answer 413 to a request whose declared body exceeds its view's limit, before the body is read.

    Must come before ``CsrfViewMiddleware`` (whose ``process_view`` reads ``request.POST``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in BODY_METHODS:
            return None
        view_name = request.resolver_match.view_name if request.resolver_match else None
        length = declared_length(request)
        if length <= request_limit(view_name):
            return None
        message = (
            f"L'envoi dépasse la taille maximale de {megabytes_label(upload_allowance(view_name))} pour ce "
            f"formulaire (il pèse {megabytes_label(length)}). Choisissez un fichier plus léger, puis recommencez."
        )
        # A page the browser navigates to gets a page; a script (fetch, Wagtail's uploaders) gets JSON.
        if "text/html" in request.headers.get("Accept", ""):
            return render(request, "413.html", {"message": message}, status=413)
        return JsonResponse({"error": message}, status=413)


# --- Images --------------------------------------------------------------------------------------------------

INCOMPLETE_IMAGE = "Cette image est incomplète ou endommagée. Enregistrez-la à nouveau ou choisissez-en une autre."


def french_number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def too_many_pixels_message(width: int | None, height: int | None, max_pixels: int) -> str:
    limit = f"{french_number(max_pixels)} pixels au plus (par exemple 8000×5000)"
    if width and height:
        return (
            f"Cette image mesure {french_number(width)}×{french_number(height)} px, soit "
            f"{french_number(width * height)} pixels : {limit}. Réduisez-la avant de l'envoyer."
        )
    return f"Cette image compte trop de pixels : {limit}. Réduisez-la avant de l'envoyer."


def image_is_complete(file) -> bool:
    """Whether the whole picture decodes: a file cut short (an interrupted copy or upload) does not.

    Called only once the pixel count is within the limit. A PNG's chunks are checked without
    inflating them; a JPEG is decoded at an eighth of its size, which still reads every byte.
    """
    try:
        file.seek(0)
        with PILImage.open(file) as picture:
            if picture.format == "PNG":
                picture.verify()
            else:
                if picture.format == "JPEG":
                    picture.draft("RGB", (max(1, picture.width // 8), max(1, picture.height // 8)))
                picture.load()
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError):
        return False
    finally:
        file.seek(0)
    return True


def header_size(file) -> tuple[int | None, int | None, int]:
    """Width, height and frame count read from the image's header, nothing decoded; no size for a picture
    Pillow refuses to open as a decompression bomb (more than twice its own limit)."""
    try:
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(file) as picture:
                return picture.width, picture.height, getattr(picture, "n_frames", 1)
    except PILImage.DecompressionBombError:
        return None, None, 1
    finally:
        file.seek(0)


class ProjectImageField(WagtailImageField):
    """Wagtail's image upload field, with the pixel limit said in French and a check that the picture is whole.

    Wagtail reads only the header: an image cut short passes, then fails (500) when the first
    thumbnail is made. Pixels are counted from the header first, so a decompression bomb is never decoded.
    """

    def check_image_pixel_size(self, f):
        # Read from the header with Pillow: Willow's get_size() decodes the whole picture first.
        width, height, frames = header_size(f)
        if width is None or (self.max_image_pixels and width * height * frames > self.max_image_pixels):
            raise ValidationError(
                too_many_pixels_message(width, height, self.max_image_pixels or PILImage.MAX_IMAGE_PIXELS),
                code="file_too_many_pixels",
            )

    def to_python(self, data):
        try:
            f = super().to_python(data)
        except ValidationError as error:
            # Pillow refuses outright a picture of more than twice its own limit: say it is too large.
            if isinstance(error.__cause__, PILImage.DecompressionBombError):
                raise ValidationError(
                    too_many_pixels_message(None, None, self.max_image_pixels or PILImage.MAX_IMAGE_PIXELS),
                    code="file_too_many_pixels",
                ) from None
            raise
        if f is not None and not image_is_complete(f):
            raise ValidationError(INCOMPLETE_IMAGE, code="incomplete_image")
        return f


def project_image_field_from(field) -> ProjectImageField:
    """The same upload field (label, widget, requirement, help), with the project's checks."""
    replacement = ProjectImageField(label=field.label, required=field.required, widget=field.widget)
    replacement.help_text = field.help_text
    replacement.error_messages.update(
        {key: value for key, value in field.error_messages.items() if key not in replacement.error_messages}
    )
    return replacement
