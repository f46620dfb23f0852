from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from core import notification_views, views
from core.accounts import QueuedPasswordResetForm

app_name = "core"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("signup/", views.signup_view, name="signup"),
    path("tokens/", views.tokens_view, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("verify/<str:token>/", views.verify_email_view, name="verify_email"),
    path("verify/", views.verify_email_resend_view, name="verify_email_resend"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            template_name="core/password_form.html",
            success_url=reverse_lazy("core:password_change_done"),
            extra_context={"heading": _("Change your password")},
        ),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="core/password_done.html",
            extra_context={"heading": _("Your password is changed")},
        ),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            form_class=QueuedPasswordResetForm,
            template_name="core/password_form.html",
            email_template_name="core/password_reset_email.txt",
            subject_template_name="core/password_reset_subject.txt",
            success_url=reverse_lazy("core:password_reset_done"),
            extra_context={"heading": _("Reset your password")},
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="core/password_done.html",
            extra_context={"heading": _("Check your email")},
        ),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="core/password_form.html",
            success_url=reverse_lazy("core:password_reset_complete"),
            extra_context={"heading": _("Choose a new password")},
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="core/password_done.html",
            extra_context={"heading": _("Your password is set")},
        ),
        name="password_reset_complete",
    ),
    path("notifications/", notification_views.inbox, name="notifications"),
    path("notifications/bell/", notification_views.bell, name="notification_bell"),
    path(
        "notifications/<int:notification_id>/read/",
        notification_views.read,
        name="notification_read",
    ),
    path(
        "notifications/read-all/",
        notification_views.read_all,
        name="notifications_read_all",
    ),
    path(
        "notifications/settings/",
        notification_views.settings_view,
        name="notification_settings",
    ),
]
