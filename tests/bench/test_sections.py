"""docs/benchmarks.md is shared by `make bench` and `make load`: each replaces only its own
sections."""

from bench.sections import replace_section, write_sections


def test_a_new_file_gets_the_title_and_the_section(tmp_path):
    path = tmp_path / "benchmarks.md"
    write_sections(path, {"load": ["## Load test", "", "| a | b |"]})
    text = path.read_text()
    assert text.startswith("# Benchmarks\n")
    assert "<!-- section:load -->\n\n## Load test\n\n| a | b |\n\n<!-- end -->\n" in text


def test_replacing_a_section_leaves_the_others_as_they_are(tmp_path):
    path = tmp_path / "benchmarks.md"
    write_sections(path, {"comparison": ["## Comparison", "old"], "load": ["## Load", "old"]})
    write_sections(path, {"load": ["## Load", "new"]})
    text = path.read_text()
    assert "## Comparison\nold" in text
    assert "## Load\nnew" in text and "## Load\nold" not in text
    assert text.index("section:comparison") < text.index("section:load")


def test_a_missing_section_is_appended_once():
    text = replace_section("# Benchmarks\n", "pdf", ["## PDF"])
    again = replace_section(text, "pdf", ["## PDF", "figures"])
    assert again.count("section:pdf") == 1
    assert again.endswith("## PDF\nfigures\n\n<!-- end -->\n")
