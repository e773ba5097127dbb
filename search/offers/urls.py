from django.urls import path

from . import views

app_name = "offers"

urlpatterns = [
    path("", views.offer_list, name="list"),
    path("mes-candidatures/", views.my_applications, name="my_applications"),
    path("<slug:slug>/", views.offer_detail, name="detail"),
    path("<slug:slug>/postuler/", views.offer_apply, name="apply"),
]
