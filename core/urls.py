from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from core import notification_views, views
from core.accounts import QueuedPasswordResetForm


# Django's own password views, in our two page templates: a form page (change,
# reset, choose a new one) and a page that says it is done. URL names follow
# Django's (`password_reset_done` …) so its views find each other.
def auth_page(route: str, name: str, view, heading, *, success: str = "", **options):
    done = not success
    if success:
        options["success_url"] = reverse_lazy(f"core:{success}")
    return path(
        route,
        view.as_view(
            template_name=f"core/password_{'done' if done else 'form'}.html",
            extra_context={"heading": heading},
            **options,
        ),
        name=name,
    )


app_name = "core"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("signup/", views.signup_view, name="signup"),
    path("tokens/", views.tokens_view, name="tokens"),
    path("2fa/", views.two_factor_setup, name="2fa_setup"),
    path("2fa/verify/", views.two_factor_verify, name="2fa_verify"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("verify/<str:token>/", views.verify_email_view, name="verify_email"),
    path("verify/", views.verify_email_resend_view, name="verify_email_resend"),
    auth_page(
        "password/change/",
        "password_change",
        auth_views.PasswordChangeView,
        _("Change your password"),
        success="password_change_done",
    ),
    auth_page(
        "password/change/done/",
        "password_change_done",
        auth_views.PasswordChangeDoneView,
        _("Your password is changed"),
    ),
    auth_page(
        "password/reset/",
        "password_reset",
        auth_views.PasswordResetView,
        _("Reset your password"),
        success="password_reset_done",
        form_class=QueuedPasswordResetForm,
        email_template_name="core/password_reset_email.txt",
        subject_template_name="core/password_reset_subject.txt",
    ),
    auth_page(
        "password/reset/sent/",
        "password_reset_done",
        auth_views.PasswordResetDoneView,
        _("Check your email"),
    ),
    auth_page(
        "password/reset/<uidb64>/<token>/",
        "password_reset_confirm",
        auth_views.PasswordResetConfirmView,
        _("Choose a new password"),
        success="password_reset_complete",
    ),
    auth_page(
        "password/reset/complete/",
        "password_reset_complete",
        auth_views.PasswordResetCompleteView,
        _("Your password is set"),
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
