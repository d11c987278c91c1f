"""Finding one's way on an area page: its filters, the next unanswered indicator, the
areas before and after. Pure functions over responses already loaded by the view."""

from django.utils.translation import gettext_lazy as _

MINE = "mine"
UNANSWERED = "unrated"
OPEN_COMMENTS = "comments"

FILTER_LABELS = {
    MINE: _("Assigned to me"),
    UNANSWERED: _("Unrated"),
    OPEN_COMMENTS: _("With open comments"),
}


def has_open_comments(response) -> bool:
    """Whether a comment of the response is open; its comments must be prefetched."""
    return any(comment.resolved_at is None for comment in response.comments.all())


def filter_responses(responses, show: str, user) -> list:
    """The responses an area page shows under the filter `show` ("" shows them all)."""
    if show == MINE:
        return [r for r in responses if r.assignee_id == user.pk]
    if show == UNANSWERED:
        return [r for r in responses if not r.is_answered]
    if show == OPEN_COMMENTS:
        return [r for r in responses if has_open_comments(r)]
    return list(responses)


def next_unanswered(responses) -> dict:
    """{response pk: the next unanswered response after it in the framework's order, across
    areas, or None}. `responses` are the whole assessment's, in order."""
    following = {}
    upcoming = None
    for response in reversed(responses):
        following[response.pk] = upcoming
        if not response.is_answered:
            upcoming = response
    return following


def neighbours(areas, code: str) -> tuple:
    """The areas before and after the area `code` (None at either end)."""
    codes = [area.code for area in areas]
    at = codes.index(code)
    before = areas[at - 1] if at > 0 else None
    after = areas[at + 1] if at + 1 < len(areas) else None
    return before, after
