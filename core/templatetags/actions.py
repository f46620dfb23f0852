"""One of an object's actions on its page:

    {% action_form "renew" "parks:lease_renew" lease.pk box="article"
       heading=_("Renew") form=renew_form fields="term_months" button=_("Renew") %}

shown only when the page's `allowed` (the object's `allowed_actions(viewer)`)
holds its verb, so a page never offers an action the action would refuse. The
form is `_action_form.html`, posted to the URL named with the arguments given;
`box` wraps it in that element (a grid cell); the other options are the form's
(heading, note, form, fields, button, secondary), and it sees no other
variable of the page."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def action_form(
    context: template.Context,
    verb: str,
    url_name: str,
    *args: Any,
    box: str = "",
    **options: Any,
) -> str:
    if verb not in context.get("allowed", ()):
        return ""
    # The form sees only its own options (and the CSRF token), never the
    # page's variables: a page's own `form` is not this action's form.
    values = {
        "action": reverse(url_name, args=args),
        "csrf_token": context.get("csrf_token"),
        **options,
    }
    form = context.template.engine.get_template("_action_form.html")
    html = form.render(context.new(values))
    return format_html("<{0}>{1}</{0}>", box, html) if box else html


@register.simple_tag(takes_context=True)
def may(context: template.Context, obj: Any, verb: str) -> bool:
    """`{% may park "update" as may_edit %}`: the object's own guard,
    `obj.can_<verb>(viewer)`, where a page links to a step's page (a tab, a
    list's Edit) and has no `allowed` to ask; the guard is the one its action
    enforces, so the link shows exactly when the step would be taken."""
    request = context.get("request")
    return bool(getattr(obj, f"can_{verb}")(getattr(request, "user", None)))
