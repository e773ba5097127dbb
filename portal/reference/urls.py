from django.urls import path

from .views import public

app_name = "reference"

urlpatterns = [
    path("communes/", public.commune_search_view, name="commune-search"),
]
