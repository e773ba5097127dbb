"""Line icons of the company benefits, drawn for Vivier (24×24 grid, stroke only), inlined in pages.

Inline SVG needs no icon font or third-party request; the same drawings serve the public page and the
benefit picker of the editor.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .choices import Benefit

BENEFIT_ICON_PATHS = {
    Benefit.REMOTE_WORK: '<path d="M3 11.5 12 4l9 7.5"/><path d="M5.5 10v10h13V10"/><rect x="9" y="12.5" width="6" height="4" rx=".5"/><path d="M8 19h8"/>',
    Benefit.FLEXIBLE_HOURS: '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3.5 2"/>',
    Benefit.MEAL_VOUCHERS: '<path d="M6 3v6a2 2 0 0 0 4 0V3M8 11v10"/><path d="M17 21V3c-2.2 1.2-3.5 4-3.5 8H17"/>',
    Benefit.HEALTH_INSURANCE: '<path d="M12 20.5S3.5 15.8 3.5 9.3A4.3 4.3 0 0 1 12 7a4.3 4.3 0 0 1 8.5 2.3c0 6.5-8.5 11.2-8.5 11.2Z"/><path d="M12 10.5v5M9.5 13h5"/>',
    Benefit.PROFIT_SHARING: '<circle cx="12" cy="12" r="9"/><path d="M15.5 8.5a4 4 0 1 0 0 7M7 11h6.5M7 13.5h6.5"/>',
    Benefit.TRAINING: '<path d="m2 9.5 10-5 10 5-10 5Z"/><path d="M6 11.5V16c3.5 2.5 8.5 2.5 12 0v-4.5M22 9.5V15"/>',
    Benefit.CHILDCARE: '<circle cx="12" cy="6" r="3"/><path d="M12 9v6M7.5 12h9M9.5 21l2.5-6 2.5 6"/>',
    Benefit.SPORT: '<path d="M6.5 7v10M17.5 7v10M3.5 9.5v5M20.5 9.5v5M6.5 12h11"/>',
    Benefit.PARKING: '<rect x="4" y="3" width="16" height="18" rx="2"/><path d="M10 17V7h3a3 3 0 0 1 0 6h-3"/>',
    Benefit.WORKS_COUNCIL: '<rect x="3" y="8" width="18" height="4" rx=".5"/><path d="M5 12v9h14v-9M12 8v13"/><path d="M12 8c-1.2-3-5-4-5-1.5S10.2 8 12 8Zm0 0c1.2-3 5-4 5-1.5S13.8 8 12 8Z"/>',
    Benefit.TRANSPORT: '<rect x="5" y="3" width="14" height="14" rx="2"/><path d="M5 11h14M8 17v3M16 17v3"/><circle cx="8.5" cy="14" r=".6"/><circle cx="15.5" cy="14" r=".6"/>',
    Benefit.EXTRA_LEAVE: '<path d="M3 12a9 9 0 0 1 18 0Z"/><path d="M12 12v6.5a2 2 0 0 0 4 0"/>',
}


def benefit_icon(kind: str, *, size: int = 32) -> str:
    """The icon as decorative inline SVG (its label is always written next to it)."""
    paths = BENEFIT_ICON_PATHS.get(kind, '<circle cx="12" cy="12" r="9"/>')
    return format_html(
        '<svg class="benefit-icon" width="{}" height="{}" viewBox="0 0 24 24" fill="none" stroke="currentColor" '
        'stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">{}</svg>',
        size,
        size,
        mark_safe(paths),  # noqa: S308 - constant drawings of this module
    )
