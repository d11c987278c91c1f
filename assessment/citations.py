"""Legal references written once: the title, the instrument and the article of a piece of
evidence often repeat each other ("Mining Code, Art. 12" as the title, "Mining Code" as the
instrument, "Art. 12" as the article). Reports and the summary cite a reference as one short
line, in the reader's language, with the instrument named once and "art." written once.

Pure: no ORM. `normalised_article` is also applied when evidence is saved, so that what is
stored is the bare article ("12", "12-14", "Section 5") whatever the language it was typed in.
"""

from __future__ import annotations

import re
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

# "Art.", "art", "arts.", "article", "articles", "artículo", "artigo(s)", "Artikel", with or
# without a dot, then spaces or a non-breaking space: the word is the report's to write.
_ARTICLE_WORD = re.compile(
    r"^\s*(?:articles?|art[íi]culos?|artigos?|artikel|arts?)(?![a-z])\s*[:.]?\s*", re.IGNORECASE
)
_SEPARATORS = " ,;:.–—-\u00a0"


def normalised_article(article: str) -> str:
    """The article without the word "article" in any of our languages: "Art. 102" → "102".
    Any other wording ("Section 5", "Annex C") is kept as written."""
    text = " ".join((article or "").split())
    while True:
        bare = _ARTICLE_WORD.sub("", text, count=1)
        if bare == text or not bare:
            return bare or text
        text = bare


def article_text(article: str) -> str:
    """How a report writes an article: "art. 102" for a number, other wordings as typed."""
    bare = normalised_article(article)
    if not bare:
        return ""
    if bare[0].isdigit():
        return _("art. %(article)s") % {"article": bare}
    return bare


def _without(text: str, part: str) -> str:
    """`text` with `part` cut out (case-insensitive), the separators left at the cut tidied."""
    if not part:
        return text
    index = text.lower().find(part.lower())
    if index < 0:
        return text
    before, after = text[:index].rstrip(_SEPARATORS), text[index + len(part) :].lstrip(_SEPARATORS)
    return ", ".join(piece for piece in (before, after) if piece)


def legal_citation(
    *, title: str, instrument: str = "", article: str = "", day: date | None = None
) -> str:
    """One line citing a legal reference: the title (or the instrument) once, then the
    article once, then the date: "Mining Code (Law 2016-32), art. 12 (3 March 2016)".

    The title is left out when it only repeats the instrument and the article; the
    instrument is left out when the title already names it."""
    title, instrument = " ".join(title.split()), " ".join(instrument.split())
    written_article = " ".join((article or "").split())
    rest = title
    bare = normalised_article(written_article)
    if bare:
        # "…, Art. 12" / "art. Art. 12" / "Artículo 12" in the title: the article, said again.
        cited = re.compile(
            r"[\s,;]*(?:(?:articles?|art[íi]culos?|artigos?|artikel|arts?)(?![a-z])\.?\s*)+"
            + re.escape(bare) + r"(?!\w)",
            re.IGNORECASE,
        )  # fmt: skip
        rest = cited.sub("", rest)
    if len(bare) > 2:  # another wording ("Section 12"), said again in the title
        rest = _without(rest, bare)
    if instrument and instrument.lower() in rest.lower():
        name = rest
    else:
        rest = _without(rest, instrument)
        name = ", ".join(piece for piece in (rest, instrument) if piece)
    parts = [piece for piece in (name.strip(_SEPARATORS), article_text(written_article)) if piece]
    citation = ", ".join(parts)
    if day is not None:
        citation += f" ({date_format(day, 'DATE_FORMAT')})"
    return citation
