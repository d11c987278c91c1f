from django.urls import path

from . import case_views, search_views, views

app_name = "practices"
urlpatterns = [
    # Peers are reached from the reader's own assessment (its pk) and an indicator code.
    path("peers/<int:pk>/<str:code>/", views.peer_list, name="peers"),
    path("peers/<int:pk>/<str:code>/action/", views.peer_action, name="peer_action"),
    # The library of case studies.
    path("cases/", case_views.case_list, name="case_list"),
    path("cases/new/", case_views.case_new, name="case_new"),
    path("cases/<int:pk>/", case_views.case_detail, name="case"),
    path("cases/<int:pk>/edit/", case_views.case_edit, name="case_edit"),
    path("cases/<int:pk>/publish/", case_views.case_publish, name="case_publish"),
    # One search box over indicators, justifications, case studies and practices.
    path("search/", search_views.search, name="search"),
]
