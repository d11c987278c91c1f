"""Legal references cited once: the title, the instrument and the article never repeat."""

from datetime import date

import pytest
from django.utils import translation

from assessment.citations import article_text, legal_citation, normalised_article


@pytest.mark.parametrize(
    ("typed", "bare"),
    [
        ("Art. 102", "102"),
        ("art. Art. 102", "102"),
        ("Article 7", "7"),
        ("Artículo 3", "3"),
        ("artigo 15", "15"),
        ("Arts. 12-14", "12-14"),
        ("Art.102", "102"),
        ("Section 12", "Section 12"),
        ("Annex C", "Annex C"),
        ("", ""),
    ],
)
def test_the_word_article_is_taken_off_in_every_language(typed, bare):
    assert normalised_article(typed) == bare


def test_a_numbered_article_is_written_art_once_and_other_wordings_as_typed():
    assert article_text("Art. 5") == "art. 5"
    assert article_text("Section 5") == "Section 5"
    assert article_text("") == ""


@pytest.mark.parametrize("language", ["en", "fr", "es", "pt"])
def test_a_title_that_repeats_the_instrument_and_the_article_is_cited_once(language):
    with translation.override(language):
        citation = legal_citation(
            title="Code du travail (loi n° 2014-87), Art. 102",
            instrument="Code du travail (loi n° 2014-87)",
            article="Art. 102",
        )
    assert citation.count("Code du travail") == 1
    assert citation.lower().count("art.") == 1
    assert citation.endswith("102")


def test_a_title_and_an_instrument_that_differ_are_both_cited():
    citation = legal_citation(title="Código Minero", instrument="Ley 2016-32", article="art. 5")
    assert citation == "Código Minero, Ley 2016-32, art. 5"


def test_the_date_is_written_in_the_readers_language():
    with translation.override("fr"):
        citation = legal_citation(title="Code minier", day=date(2016, 11, 8))
    assert citation == "Code minier (8 novembre 2016)"
