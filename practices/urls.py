from django.urls import path

from . import views

app_name = "practices"
urlpatterns = [
    # Peers are reached from the reader's own assessment (its pk) and an indicator code.
    path("peers/<int:pk>/<str:code>/", views.peer_list, name="peers"),
    path("peers/<int:pk>/<str:code>/action/", views.peer_action, name="peer_action"),
]
