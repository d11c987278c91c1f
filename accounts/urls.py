from django.contrib.auth import views as auth_views
from django.urls import path

from . import account_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-in/code/", views.sign_in_code, name="sign_in_code"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    # A person's own account.
    path("account/", account_views.account, name="account"),
    path("account/password/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path("account/email/", account_views.email_change, name="email_change"),
    path("account/email/<str:token>/", account_views.email_confirm, name="email_confirm"),
    path("two-factor/", account_views.two_factor_settings, name="two_factor"),
    path("two-factor/off/", account_views.two_factor_off, name="two_factor_off"),
    path("two-factor/recovery-codes/", account_views.recovery_codes, name="recovery_codes"),
    # Forgot your password? Django's views, with our templates and e-mails.
    path("password-reset/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        account_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        account_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
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
