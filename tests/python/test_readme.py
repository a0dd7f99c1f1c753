"""The README's Python quick start runs as written and says what it shows."""

import pathlib
import re

import pytest

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"


def test_readme_python_quick_start_runs(monkeypatch):
    pytest.importorskip("pandas")
    # The quick start names the corpus by its path from the repository root.
    monkeypatch.chdir(README.parent)
    import pandas

    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Python quick start"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    ns = {
        "key": b"a key of at least sixteen bytes",
        "texts": ["Bel Jan de Vries op 06-12345678 😀", "niets"],
        "frame": pandas.DataFrame({"text": ["Ik weet waar je woont Jan de Vries", "hoi"]}),
    }
    exec(compile(code, str(README), "exec"), ns)
    a = ns["a"]
    assert a.labels == ["threat"]
    assert a.redacted == "Ik weet waar je woont [PERSOON], pas maar op"
    assert a.entities[0].char_start == 22
    assert ns["results"][0].redacted.startswith("Bel [PERSOON_")
    assert len(ns["df"]) == 2
    assert ns["m"].model["options"]["cue_weight"] == 0.5
    assert ns["m"].model["seed"] == 7
