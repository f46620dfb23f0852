from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from core import notification_views, views
from core.accounts import QueuedPasswordResetForm
from core.routes import routes


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
    *routes(
        [
            ("login/", views.login_view, "login"),
            ("logout/", views.logout_view, "logout"),
            ("signup/", views.signup_view, "signup"),
            ("tokens/", views.tokens_view, "tokens"),
            ("2fa/", views.two_factor_setup, "2fa_setup"),
            ("2fa/verify/", views.two_factor_verify, "2fa_verify"),
            ("tokens/<int:token_id>/revoke/", views.token_revoke_view, "token_revoke"),
            ("verify/<str:token>/", views.verify_email_view, "verify_email"),
            ("verify/", views.verify_email_resend_view, "verify_email_resend"),
            ("notifications/", notification_views.inbox, "notifications"),
            ("notifications/bell/", notification_views.bell, "notification_bell"),
            (
                "notifications/<int:notification_id>/read/",
                notification_views.read,
                "notification_read",
            ),
            (
                "notifications/read-all/",
                notification_views.read_all,
                "notifications_read_all",
            ),
            (
                "notifications/settings/",
                notification_views.settings_view,
                "notification_settings",
            ),
        ]
    ),
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
]
