"""Visual regression: a few key pages of the demo reports, rasterised with poppler's pdftoppm,
against PNG snapshots kept in tests/reports/snapshots/.

A page passes when its size is the same and at most MAX_CHANGED of its pixels differ by more
than PIXEL_TOLERANCE grey levels (anti-aliasing differs a little between poppler versions).
A failing page is written to var/snapshots-failed/ to be looked at. `make snapshots`
refreshes the snapshots deliberately (SNAPSHOTS_UPDATE=1); look at them before committing.
Without pdftoppm (Debian's poppler-utils) the tests are skipped, except in CI.
"""

import os
import shutil
import subprocess
import tempfile
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image, ImageChops
from pypdf import PdfReader

# The demo is loaded into the test database, never the developer's (pytest-django sets
# the test database up only when a test says it needs one).
pytestmark = pytest.mark.django_db

SNAPSHOTS = Path(__file__).parent / "snapshots"
FAILED = Path(settings.BASE_DIR) / "var" / "snapshots-failed"
RESOLUTION = 60  # dpi: an A4 page is 496 × 702 pixels
PIXEL_TOLERANCE = 48
MAX_CHANGED = 0.005
UPDATE = os.environ.get("SNAPSHOTS_UPDATE") == "1"


@pytest.fixture(scope="module")
def pdftoppm():
    path = shutil.which("pdftoppm")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftoppm (poppler-utils) is required in CI")
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils)")
    return path


def page_image(pdftoppm: str, pdf: bytes, number: int) -> Image.Image:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [pdftoppm, "-r", str(RESOLUTION), "-f", str(number), "-l", str(number), "-png",
             "-singlefile", str(source), str(Path(folder) / "page")],
            check=True, capture_output=True,
        )  # fmt: skip
        return Image.open(Path(folder) / "page.png").convert("RGB").copy()


def page_starting_with(pdf: bytes, heading: str) -> int:
    """The number (from 1) of the first page whose text holds `heading` as a chart title."""
    for number, page in enumerate(PdfReader(BytesIO(pdf)).pages, start=1):
        if heading in " ".join(page.extract_text().split()):
            return number
    raise AssertionError(f"No page shows {heading!r}")


def changed_share(expected: Image.Image, actual: Image.Image) -> float:
    difference = (
        ImageChops.difference(expected, actual)
        .convert("L")
        .point(lambda level: 255 if level > PIXEL_TOLERANCE else 0)
    )
    histogram = difference.histogram()
    return histogram[255] / (actual.width * actual.height)


PAGES = {
    # name: (report, how to find the page)
    "country-cover": ("country", 1),
    "country-summary": ("country", 2),
    "country-chart": ("country", "Mise en œuvre par recommandation Données"),
    "regional-map": ("regional", 2),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_the_key_pages_look_as_their_snapshots(demo_reports, pdftoppm, name):
    kind, where = PAGES[name]
    pdf = demo_reports[kind]
    number = where if isinstance(where, int) else page_starting_with(pdf, where)
    actual = page_image(pdftoppm, pdf, number)
    snapshot = SNAPSHOTS / f"{name}.png"
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        actual.save(snapshot, optimize=True)
        return
    assert snapshot.exists(), f"No snapshot {snapshot.name}: run `make snapshots`"
    expected = Image.open(snapshot).convert("RGB")
    share = changed_share(expected, actual) if expected.size == actual.size else 1.0
    if share > MAX_CHANGED:
        FAILED.mkdir(parents=True, exist_ok=True)
        actual.save(FAILED / snapshot.name)
    assert expected.size == actual.size
    assert share <= MAX_CHANGED, f"{share:.2%} of {name} changed: see {FAILED / snapshot.name}"
