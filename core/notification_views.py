"""The notification inbox, the bell in the header (an htmx fragment with the unread
count) and each user's email choices per kind."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.access import get_scoped
from core.errors import NotFound
from core.models import Notification, NotificationKind, NotificationSetting
from core.notifications import (
    notification_read,
    notification_settings_save,
    notifications_read_all,
)


class SettingsForm(forms.Form):
    email_kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Send me an email for"),
        choices=NotificationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    rows = Notification.objects.visible_to(request.user)
    unread_only = request.GET.get("unread") == "1"
    if unread_only:
        rows = rows.unread()
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "core/notifications.html",
        {
            "page_obj": page,
            "unread_only": unread_only,
            "unread_count": Notification.objects.visible_to(request.user)
            .unread()
            .count(),
            "querystring_base": "unread=1&" if unread_only else "",
        },
    )


@login_required
def bell(request: HttpRequest) -> HttpResponse:
    count = Notification.objects.visible_to(request.user).unread().count()
    return render(request, "core/notifications.html#bell", {"unread_count": count})


@login_required
def read(request: HttpRequest, notification_id: int) -> HttpResponse:
    """POST marks one notification read and follows its link; a GET (an old link or
    a reload) goes back to the inbox instead of a blank 405."""
    if request.method != "POST":
        return redirect("core:notifications")
    try:
        notification = get_scoped(
            Notification.objects.visible_to(request.user), pk=notification_id
        )
    except NotFound as exc:
        raise Http404(exc.message) from None
    notification_read(notification=notification, actor=request.user)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return redirect(target)
    return redirect("core:notifications")


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    count = notifications_read_all(actor=request.user)
    messages.success(request, _("%(n)s notifications marked read.") % {"n": count})
    return redirect("core:notifications")


@login_required
def settings_view(request: HttpRequest) -> HttpResponse:
    off = set(
        NotificationSetting.objects.filter(user=request.user, email=False).values_list(
            "kind", flat=True
        )
    )
    initial = {"email_kinds": [k for k in NotificationKind.values if k not in off]}
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        notification_settings_save(
            user=request.user, email_kinds=form.cleaned_data["email_kinds"]
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect(reverse("core:notification_settings"))
    return render(request, "core/notification_settings.html", {"form": form})
