"""The base of every Wagtail image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``): the admin's image
screens, the multiple upload, the choosers' upload tab, the company page's banner and logo choosers."""

from __future__ import annotations

from wagtail.images.forms import BaseImageForm

from portal.ops.uploads import ProjectImageField, project_image_field_from


class ProjectImageForm(BaseImageForm):
    """Refuses, in French, a picture beyond the pixel limit and one that is cut short or damaged."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        # Wagtail builds the field itself (formfield_for_dbfield); it is swapped here, keeping its widget.
        if field is not None and not isinstance(field, ProjectImageField):
            self.fields["file"] = project_image_field_from(field)
