from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .forms import SignInForm

app_name = "accounts"
urlpatterns = [
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            template_name="accounts/sign_in.html",
            authentication_form=SignInForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
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
