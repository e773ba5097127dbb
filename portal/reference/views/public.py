from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from ..selectors import commune_label, commune_search


@require_GET
@cache_control(max_age=300)
def commune_search_view(request):
    """Suggestions for the commune picker: GET ?q=clermont -> at most 20 communes, largest first."""
    communes = commune_search(request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [
                {
                    "insee": commune.insee,
                    "name": commune.name,
                    "department": commune.department_id,
                    "label": commune_label(commune),
                    "postcodes": commune.postcodes,
                }
                for commune in communes
            ]
        }
    )
