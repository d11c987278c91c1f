"""docs/benchmarks.md is written by several commands (`make bench`, `make load`): each one
replaces only its own sections, kept between `<!-- section:NAME -->` and `<!-- end -->`
markers, and leaves the others as they are. A section not yet in the file is appended."""

import re
from pathlib import Path

TITLE = [
    "# Benchmarks",
    "",
    "Each section is written by the command it names (`make bench`, `make load`); do not "
    "edit by hand.",
    "",
]
END = "<!-- end -->"


def start_marker(name: str) -> str:
    return f"<!-- section:{name} -->"


def replace_section(text: str, name: str, lines: list[str]) -> str:
    """`text` with section `name` holding `lines` (appended when it was not there)."""
    # Blank lines around the content keep Markdown tables and headings apart from markers.
    block = "\n".join([start_marker(name), "", *_trimmed(lines), "", END])
    pattern = re.compile(re.escape(start_marker(name)) + r".*?" + re.escape(END), re.DOTALL)
    if pattern.search(text):
        return pattern.sub(lambda _match: block, text, count=1)
    if not text.strip():
        text = "\n".join(TITLE)
    return text.rstrip("\n") + "\n\n" + block + "\n"


def write_sections(path: Path, sections: dict[str, list[str]]) -> None:
    """Replace (or add) each named section of the file at `path`, creating it if needed."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    for name, lines in sections.items():
        text = replace_section(text, name, lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def section_names(text: str) -> list[str]:
    return re.findall(r"<!-- section:([\w.-]+) -->", text)


def _trimmed(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]
