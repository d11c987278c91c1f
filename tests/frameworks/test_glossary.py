"""The framework's domain terms are always translated the same way (fixtures/glossary.yaml).

Every framework file from version 2 on is checked; version 1 is frozen (earlier rounds were
rated against it) and keeps the wordings version 2 corrected.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from django.conf import settings

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
GLOSSARY = FIXTURES / "glossary.yaml"
FROZEN = {"mpf-pillar-6.yaml"}  # version 1 of Pillar 6
TRANSLATIONS = ("fr", "es", "pt")


@dataclass(frozen=True)
class Text:
    where: str
    languages: dict[str, str]


def framework_files() -> list[Path]:
    files = sorted((FIXTURES / "frameworks").glob("*.yaml"))
    return [path for path in files if path.name not in FROZEN]


def texts_of(node, where: str = "") -> list[Text]:
    """Every translated text of a framework document, with where it is."""
    if isinstance(node, dict):
        if isinstance(node.get("en"), str):
            return [Text(where, node)]
        label = f"{where} {node['code']}" if isinstance(node.get("code"), str) else where
        return [text for key, value in node.items() for text in texts_of(value, f"{label}.{key}")]
    if isinstance(node, list):
        return [text for item in node for text in texts_of(item, where)]
    return []


def glossary() -> dict:
    return yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))


def term_problems(text: Text, term: dict) -> list[str]:
    english = text.languages["en"]
    if not any(re.search(pattern, english, re.IGNORECASE) for pattern in term["en"]):
        return []
    return [
        f"{text.where} [{language}]: {term['en'][0]!r} must read {term[language][0]!r}"
        for language in TRANSLATIONS
        if language in text.languages
        and not any(
            form.casefold() in text.languages[language].casefold() for form in term[language]
        )
    ]


def avoid_problems(text: Text, rule: dict) -> list[str]:
    translation = text.languages.get(rule["language"], "")
    when = rule.get("when")
    if when and not re.search(when, text.languages["en"], re.IGNORECASE):
        return []
    if not re.search(r"(?<!\w)" + re.escape(rule["text"]), translation, re.IGNORECASE):
        return []
    return [f"{text.where} [{rule['language']}]: {rule['text']!r}, say {rule['instead']!r}"]


def test_the_glossary_gives_every_term_in_the_four_languages():
    terms = glossary()["terms"]

    assert terms
    for term in terms:
        assert all(term.get(language) for language in ("en", *TRANSLATIONS)), term


def test_a_framework_file_is_checked_beyond_version_1():
    assert [path.name for path in framework_files()] == ["mpf-pillar-6-v2.yaml"]


@pytest.mark.parametrize("path", framework_files(), ids=lambda path: path.name)
def test_the_framework_translates_each_term_as_the_glossary_says(path):
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules = glossary()

    problems = [
        problem
        for text in texts_of(document)
        for term in rules["terms"]
        for problem in term_problems(text, term)
    ] + [
        problem
        for text in texts_of(document)
        for rule in rules["avoid"]
        for problem in avoid_problems(text, rule)
    ]

    assert problems == []


def test_the_check_finds_a_term_translated_another_way():
    text = Text("6.1.1.a.statement", {"en": "ASM and large-scale mining", "pt": "MAPE e garimpo"})
    term = next(t for t in glossary()["terms"] if "large-scale mining" in t["en"])

    assert term_problems(text, term) == [
        "6.1.1.a.statement [pt]: 'large-scale mining' must read 'mineração em grande escala'"
    ]


def test_the_check_finds_miners_read_as_minors_only_in_a_text_about_children():
    rule = next(r for r in glossary()["avoid"] if r["text"] == "mineurs")
    about_children = Text("6.3.3.d", {"en": "No child labour.", "fr": "Pour les mineurs."})
    about_miners = Text("6.1.2.c", {"en": "Visits to miners.", "fr": "Visites aux mineurs."})

    assert avoid_problems(about_children, rule) == ["6.3.3.d [fr]: 'mineurs', say 'exploitants'"]
    assert avoid_problems(about_miners, rule) == []
