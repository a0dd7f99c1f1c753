"""The golden corpus tests/data/golden/*.toml, shared with the Rust and C
tests: labels, entities (with character offsets) and redacted text."""

import pathlib

import pytest

try:
    import tomllib
except ImportError:  # Python < 3.11
    tomllib = pytest.importorskip("tomli")

import signaal

GOLDEN = pathlib.Path(__file__).resolve().parents[1] / "data" / "golden"


def load(name):
    with open(GOLDEN / name, "rb") as f:
        return tomllib.load(f)["case"]


@pytest.mark.parametrize("case", load("labels.toml"), ids=lambda c: c["name"])
def test_golden_labels(case):
    assert signaal.analyze(case["text"]).labels == case["labels"]
    assert signaal.classify(case["text"]).labels == case["labels"]


@pytest.mark.parametrize("case", load("redaction.toml"), ids=lambda c: c["name"])
def test_golden_redaction(case):
    text = case["text"]
    want, pos = [], 0
    for e in case["entities"]:
        start = text.index(e["text"], pos)
        pos = start + len(e["text"])
        byte_start = len(text[:start].encode("utf-8"))
        want.append((e["kind"], start, pos, byte_start, byte_start + len(e["text"].encode("utf-8"))))
    for r in (signaal.redact(text), signaal.analyze(text)):
        got = [(e.kind, e.char_start, e.char_end, e.start, e.end) for e in r.entities]
        assert got == want
        assert text[got[0][1]:got[0][2]] == case["entities"][0]["text"] if got else True
    assert signaal.redact(text).text == case["redacted"]
    assert signaal.analyze(text).redacted == case["redacted"]
