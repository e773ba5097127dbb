"""Request hygiene shared by every view of the site, Wagtail's admin included."""

from portal.reference.querydicts import querydict_without_control_characters


class ControlCharactersMiddleware:
    """Drop control characters from GET parameters (names and values) and from POSTed form fields
    before any view reads them.

    PostgreSQL refuses a NUL in a text value, so a `?departement=%00` that reached a filter answered
    500; no parameter of the site has a use for the other controls either. Doing it here covers every
    list, search and filter, including the ones added later. POSTed fields keep their tabs and line
    breaks (textareas). The POST body is read in `process_view`, where the CSRF check reads it anyway;
    a view exempt from that check may set its own upload handlers, so its body is left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = querydict_without_control_characters(request.GET)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method == "POST" and not getattr(view_func, "csrf_exempt", False):
            request.POST = querydict_without_control_characters(request.POST, keep_line_breaks=True)
        return None
