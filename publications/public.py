"""What the public may read: the one visibility policy, asked for an anonymous visitor."""

from assessment.models import Assessment

PUBLIC_READER = None  # readable_by(None): what an anonymous visitor may read


def public_assessments():
    """The assessments anybody may read, through the one visibility policy."""
    return Assessment.objects.readable_by(PUBLIC_READER)
