from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from core import i18n_tags

        # Before any template compiles: a literal's translation kept per language.
        i18n_tags.install()

        from core.access import remember_roles_at_login
        from core.twofactor import decide_at_login

        # The auth framework's own hook: the one place every sign-in door passes.
        user_logged_in.connect(
            lambda sender, request, user, **kw: decide_at_login(request, user),
            dispatch_uid="core.twofactor.decide_at_login",
            weak=False,
        )
        user_logged_in.connect(
            lambda sender, request, user, **kw: remember_roles_at_login(request, user),
            dispatch_uid="core.access.remember_roles_at_login",
            weak=False,
        )

        from core.audit import register_audit_actions

        register_audit_actions(
            {
                "signup": _("Signed up"),
                "two_factor_on": _("Two-factor sign-in turned on"),
                "signup_for_existing_account": _(
                    "Sign-up tried with this account's email"
                ),
                "token_issued": _("API token created"),
                "token_revoked": _("API token revoked"),
            }
        )
