"""The audit page's menu link, shown to the people who have one (administrators and focal
points): the menu is shared by every page, so it asks the audit app."""

from django import template

from audit.models import may_read_audit

register = template.Library()


@register.inclusion_tag("audit/includes/nav_link.html", takes_context=True)
def audit_nav_link(context):
    # The auth context processor's user: an error page may come before the request has one.
    user = context.get("user")
    return {"show": user is not None and may_read_audit(user), "request": context["request"]}
