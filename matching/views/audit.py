"""Staff view of the match runs audit log (EU AI Act: recruitment matching is a high-risk use), with
CSV / XLSX export. Read-only: the log is never edited."""

import json

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from recruiters.admin_access import StaffIndexView, StaffModelAdmin

from ..models import MatchRun


def _as_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


JSON_FIELDS = ("criteria", "weights", "required", "top_results", "adjustments")


class MatchRunIndexView(StaffIndexView):
    # JSON columns written as JSON: the default joins lists as strings (and fails on nested lists).
    custom_field_preprocess = {
        field: {SpreadsheetExportMixin.FORMAT_CSV: _as_json, SpreadsheetExportMixin.FORMAT_XLSX: _as_json}
        for field in JSON_FIELDS
    }


class MatchRunAdmin(StaffModelAdmin):
    model = MatchRun
    menu_label = "Journal du matching"
    menu_icon = "list-ul"
    menu_order = 900
    add_to_settings_menu = False
    index_view_class = MatchRunIndexView
    inspect_view_enabled = True
    list_display = ("at", "user_email", "company", "source", "threshold", "result_count", "elapsed_ms")
    list_filter = ("source", "at")
    search_fields = ("user_email", "company__name", "file_name")
    list_export = ("at", "user_email", "company", "source", "offer_id", "file_name", "criteria", "weights",
                   "threshold", "required", "total", "result_count", "top_results", "elapsed_ms", "adjustments")
    export_filename = "journal-matching"
