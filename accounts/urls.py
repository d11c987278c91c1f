from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-in/code/", views.sign_in_code, name="sign_in_code"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", views.two_factor_settings, name="two_factor"),
    # A country's team: members, their roles and the invitations sent.
    path("team/", views.team_index, name="team_index"),
    path("team/<str:iso3>/", views.team, name="team"),
    path("team/<str:iso3>/invite/", views.invitation_new, name="invite"),
    path(
        "team/<str:iso3>/invitations/<int:pk>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "team/<str:iso3>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("team/<str:iso3>/members/<int:pk>/role/", views.membership_role, name="membership_role"),
    path(
        "team/<str:iso3>/members/<int:pk>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    # The link e-mailed to the invited person.
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
