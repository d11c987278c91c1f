from django import template

from reports.pdf import pdf_unavailable_message

register = template.Library()


@register.simple_tag
def pdf_unavailable() -> str:
    """Why this server cannot write PDF reports, in the page's language; empty when it can."""
    return pdf_unavailable_message()
