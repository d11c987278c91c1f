"""Bootstrap Icons, cut down to the icons the application shows (`make icons`).

The full font is 134 KB (woff2) for some 2,000 icons; a page uses a few dozen. This script
finds every `bi-<name>` in the templates and the Python code, adds the names that templates
build from parts (EXTRA_ICONS), and writes static/vendor/bootstrap-icons/ with a woff2 font
of only those glyphs and a stylesheet of only their classes. The sources (Bootstrap Icons
1.13.2, MIT) stay in tools/bootstrap-icons/. tests/core/test_static_assets.py fails when a
template uses an icon the subset lacks: run `make icons` and commit the output.
"""

import re
import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tools" / "bootstrap-icons"
OUTPUT = ROOT / "static" / "vendor" / "bootstrap-icons"
SCANNED = (
    "templates",
    "accounts",
    "assessment",
    "audit",
    "api",
    "charts",
    "config",
    "frameworks",
    "plans",
    "reports",
    "scores",
    "static/js",
)
# Built from parts in a template ({% if %} ... {% endif %}), so no scan finds them whole.
EXTRA_ICONS = ("journal-text", "file-earmark-arrow-down", "link-45deg")
ICON_NAME = re.compile(r"\bbi-([a-z0-9]+(?:-[a-z0-9]+)*)")
RULE = re.compile(r'\.bi-([a-z0-9-]+)::before\{content:"\\([0-9a-f]+)"\}')
HEADER = (
    "/*! Bootstrap Icons v1.13.2 (https://icons.getbootstrap.com/), Copyright 2019-2024 The"
    " Bootstrap Authors, MIT licence. Only the icons this application shows: tools/subset_icons.py"
    " (make icons). */\n"
)


def used_icons(root: Path = ROOT) -> set[str]:
    names = set(EXTRA_ICONS)
    for folder in SCANNED:
        for path in (root / folder).rglob("*"):
            if path.suffix in {".html", ".py", ".js"} and path.is_file():
                names.update(ICON_NAME.findall(path.read_text(encoding="utf-8")))
    return names


def icon_codepoints(css: str) -> dict[str, int]:
    return {name: int(code, 16) for name, code in RULE.findall(css)}


def write_subset(names: set[str]) -> None:
    css = (SOURCE / "bootstrap-icons.min.css").read_text(encoding="utf-8")
    codepoints = icon_codepoints(css)
    missing = sorted(name for name in names if name not in codepoints)
    names = sorted(name for name in names if name in codepoints)
    if missing:
        print("Not Bootstrap Icons, left out:", ", ".join(missing), file=sys.stderr)
    (OUTPUT / "fonts").mkdir(parents=True, exist_ok=True)
    font_path = OUTPUT / "fonts" / "bootstrap-icons.woff2"
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []
    options.name_IDs = ["*"]  # keep the copyright and licence names
    font = subset.load_font(str(SOURCE / "bootstrap-icons.woff2"), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[codepoints[name] for name in names])
    subsetter.subset(font)
    subset.save_font(font, str(font_path), options)
    base_rules = css[css.index("@font-face") : css.index(".bi-")]
    # Only the woff2 file: every browser the site supports reads it. Swap, not block: the text
    # shows at once, the icons when the font has come.
    base_rules = re.sub(
        r"src:url\([^;}]*\}", 'src:url("fonts/bootstrap-icons.woff2") format("woff2")}', base_rules
    )
    base_rules = base_rules.replace("font-display:block", "font-display:swap")
    rules = "".join(f'.bi-{name}::before{{content:"\\{codepoints[name]:x}"}}' for name in names)
    (OUTPUT / "bootstrap-icons.min.css").write_text(
        HEADER + base_rules + rules + "\n", encoding="utf-8"
    )
    print(f"{len(names)} icons, {font_path.stat().st_size:,} bytes: {font_path.relative_to(ROOT)}")


if __name__ == "__main__":
    write_subset(used_icons())
