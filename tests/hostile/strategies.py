"""Hypothesis strategies of hostile input: what a careless client, a fuzzer or an attacker
posts to a form."""

import string

from hypothesis import strategies as st

SQL = [
    "' OR '1'='1", "'; DROP TABLE assessment_response; --", "1; SELECT pg_sleep(5)--",
    "\" OR 1=1 --", "' UNION SELECT username, password FROM accounts_user --", "%' --",
]  # fmt: skip
SCRIPT = [
    "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
    "{{ 7*7 }}", "{% debug %}", "${7*7}", "<svg onload=alert(1)>", "</textarea><script>",
]  # fmt: skip
PATHS = [
    "../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/shadow", "....//....//etc/passwd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "C:\\boot.ini", "file:///etc/passwd", "~/.ssh/id_rsa",
]  # fmt: skip
# Strings Python calls digits but int() refuses, and digits of other scripts.
DIGITS = ["²", "³", "①", "٣", "߃", "١٢", "𝟙", "⁹", "1²", "12\u0660"]
NUMBERS = [
    "-1", "0", "-0", "1e309", "NaN", "inf", "-Infinity", "9" * 40, "-" + "9" * 40,
    "99999999999999999999", "2147483648", "9223372036854775808", "0x10", "1_000", "3.5",
    "1,5", "", " ", "\u00a0",
]  # fmt: skip
CONTROL = "".join(chr(c) for c in range(32)) + "\x7f\u200b\u200e\u202e\ufeff\u2028"


def long_strings() -> st.SearchStrategy[str]:
    return st.builds(
        lambda unit, times: unit * times,
        st.sampled_from(["A", "é", "𝕏", "'", "<", "\u202e", "0"]),
        st.integers(min_value=301, max_value=120_000),
    )


def hostile_text() -> st.SearchStrategy[str]:
    """Any text a field may receive: unicode, control characters, payloads, numbers."""
    return st.one_of(
        st.text(max_size=60),
        st.text(alphabet=CONTROL, min_size=1, max_size=20),
        st.text(alphabet=string.printable, max_size=60),
        st.sampled_from(SQL + SCRIPT + PATHS + DIGITS + NUMBERS),
        long_strings(),
    )


def hostile_values() -> st.SearchStrategy:
    """A field's value in a form post: hostile text, several values, or nothing at all."""
    return st.one_of(
        hostile_text(),
        st.lists(hostile_text(), min_size=2, max_size=3),
        st.just(None),  # the field is left out
    )


def form_data(fields: list[str]) -> st.SearchStrategy[dict]:
    """A POST body over `fields` (plus a stray one): missing fields are left out."""
    return st.fixed_dictionaries({name: hostile_values() for name in [*fields, "unexpected"]}).map(
        lambda data: {name: value for name, value in data.items() if value is not None}
    )


def file_names() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(PATHS),
        st.builds(lambda stem, ext: stem + ext, hostile_text(), st.sampled_from(
            [".pdf", ".xlsx", ".docx", ".txt", ".csv", ".png", ".exe", ".html", ".svg",
             ".xlsm", ".pdf.exe", "", "."])),
    )  # fmt: skip


def upload_name(name: str) -> str:
    """A name the test client can send (it refuses ".", ".." and empty names itself)."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1][-100:]
    return "x" if name.strip(". ") == "" else name


def random_bytes() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=2048),
        st.sampled_from(
            [b"", b"PK\x03\x04", b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"]
        ).flatmap(lambda magic: st.binary(max_size=512).map(lambda tail: magic + tail)),
    )


LANGUAGES = ["en", "fr", "es", "pt"]


def languages() -> st.SearchStrategy[str]:
    return st.sampled_from(LANGUAGES)
