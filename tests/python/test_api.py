import json
import os

import pytest

import signaal

THREAT = "Ik weet waar je woont, pas maar op 🔪"
PII = "Bel Jan de Vries op 06-12345678 😀"


def test_analyze_module_level():
    a = signaal.analyze(THREAT)
    assert "threat" in a.labels
    assert set(a.scores) == set(signaal.LABELS)
    assert all(0.0 <= v <= 1.0 for v in a.scores.values())
    assert a.language.code == "nl" and a.language.is_dutch
    assert 0 <= a.language.confidence <= 1
    assert a.model == {"name": "signaal-nl", "version": signaal.MODEL_VERSION}
    assert a.id is None
    assert "threat" in a.evidence
    item = a.evidence["threat"][0]
    assert isinstance(item, signaal.EvidenceItem)
    assert isinstance(item.feature, str) and item.weight > 0


def test_classify_and_redact_module_level():
    c = signaal.classify(THREAT)
    assert isinstance(c, signaal.Classification)
    assert c.labels == signaal.analyze(THREAT).labels
    assert c.to_dict()["scores"] == signaal.analyze(THREAT).to_dict()["scores"]
    r = signaal.redact(PII)
    assert r.text == "Bel [PERSOON] op [TELEFOON] 😀"
    assert r.redacted == r.text
    kinds = [e.kind for e in r.entities]
    assert kinds == ["person", "phone"]
    phone = r.entities[1]
    assert (phone.start, phone.char_start) == (20, 20)
    assert phone.tag == "TELEFOON"
    assert phone.value is None
    assert phone.span == (phone.char_start, phone.char_end)


def test_default_analyzer_is_shared():
    assert signaal.default_analyzer() is signaal.default_analyzer()


def test_many_functions_keep_order_and_accept_iterables():
    texts = [THREAT, "", PII, "Bedankt voor de snelle hulp!"]
    single = [signaal.analyze(t) for t in texts]
    assert signaal.analyze_many(texts) == single
    assert signaal.analyze_many(iter(texts)) == single
    assert signaal.analyze_many(t for t in texts) == single
    assert signaal.analyze_many(tuple(texts), threads=1) == single
    assert signaal.analyze_many(texts, threads=3) == single
    assert signaal.classify_many(texts) == [signaal.classify(t) for t in texts]
    assert signaal.redact_many(texts) == [signaal.redact(t) for t in texts]
    assert signaal.analyze_many([]) == []


def test_analyze_many_streams_more_than_one_chunk():
    texts = [f"bel 06-1234{i:04d} over de overlast" for i in range(20000)]
    out = signaal.Analyzer().redact_many(texts)
    assert len(out) == 20000
    assert out[0].text == "bel [TELEFOON] over de overlast"
    assert out[-1] == signaal.redact(texts[-1])


def test_analyze_many_bad_arguments():
    a = signaal.Analyzer()
    with pytest.raises(TypeError, match="single str"):
        a.analyze_many("een tekst")
    with pytest.raises(TypeError, match="int"):
        a.analyze_many(5)
    with pytest.raises(TypeError, match=r"texts\[1\] must be str, not NoneType"):
        a.analyze_many(["ok", None])
    with pytest.raises(ValueError):
        a.analyze_many(["ok"], threads=0)


def test_thresholds():
    a = signaal.Analyzer(thresholds={"threat": 0.99, "tip": 0.05})
    assert a.thresholds["threat"] == pytest.approx(0.99)
    assert a.thresholds["tip"] == pytest.approx(0.05)
    default = signaal.Analyzer().thresholds
    assert a.thresholds["complaint"] == default["complaint"]
    with pytest.raises(signaal.ConfigError):
        signaal.Analyzer(thresholds={"threat": 1.5})
    with pytest.raises(signaal.ConfigError):
        signaal.Analyzer(thresholds={"dreiging": 0.5})
    with pytest.raises(signaal.ConfigError):
        signaal.Analyzer(thresholds={"threat": float("nan")})
    with pytest.raises(TypeError):
        signaal.Analyzer(thresholds=[0.5])


def test_redaction_options():
    tag = signaal.Analyzer(redaction={"mode": "tag"})
    assert tag.redact("mail a@example.com en b@example.com, nogmaals a@example.com").text == (
        "mail [EMAIL_1] en [EMAIL_2], nogmaals [EMAIL_1]"
    )
    remove = signaal.Analyzer(redaction={"mode": "remove"})
    assert remove.redact("bel 0612345678").text == "bel "
    per_kind = signaal.Analyzer(redaction={"modes": {"phone": "keep"}})
    assert per_kind.redact(PII).text == "Bel [PERSOON] op 06-12345678 😀"
    only = signaal.Analyzer(redaction={"kinds": ["phone"]})
    assert only.redact(PII).text == "Bel Jan de Vries op [TELEFOON] 😀"
    disable = signaal.Analyzer(redaction={"disable": ["phone"]})
    assert disable.redact(PII).text == "Bel [PERSOON] op 06-12345678 😀"
    values = signaal.Analyzer(redaction={"include_values": True})
    assert [e.value for e in values.redact(PII).entities] == ["Jan de Vries", "06-12345678"]
    strict = signaal.Analyzer(redaction={"min_confidence": 1.0})
    assert len(strict.redact(PII).entities) <= 2
    assert signaal.Analyzer().redact("bel 0900-8844").text == "bel 0900-8844"
    no_default = signaal.Analyzer(redaction={"default_allowlist": False})
    assert no_default.redact("bel 0900-8844").text != "bel 0900-8844"
    with pytest.raises(signaal.ConfigError):
        signaal.Analyzer(redaction={"mode": "shred"})
    with pytest.raises(signaal.ConfigError):
        signaal.Analyzer(redaction={"moed": "tag"})
    with pytest.raises(signaal.ConfigError):
        signaal.Analyzer(redaction={"min_confidence": 2})
    with pytest.raises(signaal.ConfigError):
        signaal.Analyzer(redaction={"mode": object()})


def test_allowlist():
    a = signaal.Analyzer(allowlist=["06-12345678"])
    assert a.redact(PII).text == "Bel [PERSOON] op 06-12345678 😀"
    with pytest.raises(TypeError):
        signaal.Analyzer(allowlist="06-12345678")
    with pytest.raises(TypeError):
        signaal.Analyzer(allowlist=[1])


def test_pseudonym_key():
    with pytest.raises(signaal.ConfigError, match="key"):
        signaal.Analyzer(redaction={"mode": "pseudonym"})
    with pytest.raises(signaal.ConfigError, match="16"):
        signaal.Analyzer(redaction={"mode": "pseudonym"}, pseudonym_key="kort")
    with pytest.raises(TypeError):
        signaal.Analyzer(redaction={"mode": "pseudonym"}, pseudonym_key=1234567890123456789)
    key = "0123456789abcdef-geheim"
    a = signaal.Analyzer(redaction={"mode": "pseudonym"}, pseudonym_key=key)
    b = signaal.Analyzer(redaction={"mode": "pseudonym"}, pseudonym_key=key.encode())
    text = "Bel Jan de Vries op 06-12345678"
    ra, rb = a.redact(text).text, b.redact(text).text
    assert ra == rb and ra.startswith("Bel [PERSOON_") and "06-12345678" not in ra
    other = signaal.Analyzer(redaction={"mode": "pseudonym"}, pseudonym_key=b"another-key-16-bytes!")
    assert other.redact(text).text != ra
    assert "geheim" not in repr(a)


def test_model_bytes_file_and_errors(tmp_path):
    a = signaal.Analyzer()
    path = tmp_path / "model.bin"
    a.save_model(path)
    data = path.read_bytes()
    assert data[:8] == b"SGNLMDL\0"
    assert a.model_bytes() == data
    from_path = signaal.Analyzer(path)
    from_str = signaal.Analyzer(str(path))
    from_bytes = signaal.Analyzer(data)
    assert from_path.analyze(THREAT) == a.analyze(THREAT) == from_bytes.analyze(THREAT) == from_str.analyze(THREAT)
    with pytest.raises(signaal.ModelError):
        signaal.Analyzer(b"not a model")
    bad = tmp_path / "bad.bin"
    bad.write_bytes(data[:-9])
    with pytest.raises(signaal.ModelError):
        signaal.Analyzer(bad)
    with pytest.raises(signaal.IoError) as e:
        signaal.Analyzer(tmp_path / "missing.bin")
    assert isinstance(e.value, OSError) and isinstance(e.value, signaal.SignaalError)
    with pytest.raises(OSError):
        a.save_model(tmp_path / "no" / "such" / "dir" / "m.bin")
    with pytest.raises(TypeError):
        signaal.Analyzer(12)


def test_exception_hierarchy():
    for cls in (signaal.ConfigError, signaal.ModelError, signaal.InputError, signaal.IoError):
        assert issubclass(cls, signaal.SignaalError)
    assert issubclass(signaal.SignaalError, Exception)
    assert issubclass(signaal.InputError, ValueError)
    assert issubclass(signaal.IoError, OSError)
    assert not issubclass(signaal.ConfigError, ValueError)
    assert signaal.InputError.__module__ == "signaal"
    assert signaal.ConfigError.__module__ == "signaal"


def test_repr_is_readable():
    a = signaal.analyze(PII)
    r = repr(a)
    assert r.startswith("Analysis(labels=") and "redacted='Bel [PERSOON]" in r
    assert repr(a.entities[0]).startswith("Entity(kind='person', char_start=4, char_end=16")
    assert repr(a.language).startswith("Language(code='nl'")
    assert repr(signaal.redact(PII)).startswith("Redaction(text='Bel [PERSOON]")
    assert repr(signaal.classify(THREAT)).startswith("Classification(labels=['threat']")
    assert repr(signaal.Analyzer()).startswith("Analyzer(model='signaal-nl ")
    long = signaal.analyze("x" * 1000)
    assert len(repr(long)) < 400


def test_html_repr_highlights_and_escapes():
    html = signaal.analyze("<script>alert(1)</script> Bel Jan de Vries op 06-12345678 & kom")._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&amp; kom" in html
    assert html.count("<mark") == 2
    assert "[PERSOON]</mark>" in html and "[TELEFOON]</mark>" in html
    for label in signaal.LABELS:
        assert label in html
    tagged = signaal.Analyzer(redaction={"mode": "tag", "include_values": True, "modes": {"person": "keep"}})
    h = tagged.analyze("Jan de Vries belt 06-12345678")._repr_html_()
    assert "Jan de Vries</mark>" in h and "[TELEFOON_1]</mark>" in h
    removed = signaal.Analyzer(redaction={"mode": "remove"}).analyze("bel 0612345678 nu")._repr_html_()
    assert "⌫ phone" in removed
    assert "<mark" in signaal.redact(PII)._repr_html_()
    assert "threat" in signaal.classify(THREAT)._repr_html_()


def test_to_json_roundtrip():
    a = signaal.analyze(PII)
    assert json.loads(a.to_json()) == a.to_dict()
    assert signaal.Analysis.from_json(a.to_json()) == a
    with pytest.raises(signaal.InputError):
        signaal.Analysis.from_json("{}")


def _toy_rows():
    rows = []
    for i in range(30):
        rows.append({"text": f"ik ga je neersteken {i}", "labels": ["threat"]})
        rows.append({"text": f"de agent was onbeschoft en niemand belde terug {i}", "labels": ["complaint"]})
        rows.append({"text": f"vannacht twee mannen bij de kerkstraat gezien {i}", "labels": ["tip"]})
        rows.append({"text": f"al die volksverraders moeten het land uit {i}", "labels": ["polarization"]})
        rows.append({"text": f"mooi weer vandaag, fijne dag iedereen {i}", "labels": [], "id": i})
    return rows


def test_train_and_evaluate(tmp_path, dev_records):
    rows = _toy_rows()
    a = signaal.train(rows, seed=1, name="mini", version="1")
    assert isinstance(a, signaal.Analyzer)
    assert a.model["name"] == "mini" and a.model["seed"] == 1
    assert a.classify("ik ga hem neersteken").labels == ["threat"]
    again = signaal.train(rows, seed=1, name="mini", version="1")
    assert again.model_bytes() == a.model_bytes()
    path = tmp_path / "mini.bin"
    a.save_model(path)
    assert signaal.Analyzer(path).classify("ik ga hem neersteken").labels == ["threat"]
    with_dev = signaal.train(rows[:100], dev=rows[100:], seed=0)
    assert with_dev.model_bytes() != a.model_bytes()

    report = signaal.evaluate(dev_records[:80])
    assert report["posts"] == 80 and len(report["labels"]) == 4
    assert 0 < report["macro_f1"] <= 1
    assert signaal.evaluate(rows, analyzer=a)["macro_f1"] > 0.9
    from conftest import DEV
    assert signaal.evaluate(DEV) == signaal.evaluate(str(DEV)) == signaal.evaluate(dev_records)


def test_train_options():
    rows = _toy_rows()
    opts = {"epochs": 3, "cue_weight": 1.0, "l2_grid": [0.001], "seed": 4, "name": "opties", "version": "9"}
    a = signaal.train(rows, options=opts)
    m = a.model
    assert (m["name"], m["version"], m["seed"]) == ("opties", "9", 4)
    assert m["options"]["epochs"] == 3 and m["options"]["cue_weight"] == 1.0
    assert m["options"]["l2_grid"] == [0.001]
    assert m["options"]["bits"] == 19 and m["options"]["solver"] == "adagrad"  # defaults for the rest
    assert opts["seed"] == 4  # the caller's dict is not changed
    # Keyword arguments override the dict; the dict's other values stay.
    b = signaal.train(rows, options=opts, seed=2, name="kw")
    assert (b.model["name"], b.model["version"], b.model["seed"]) == ("kw", "9", 2)
    assert b.model["options"]["epochs"] == 3
    # No options, an empty dict and today's explicit defaults are the same model.
    plain = signaal.train(rows[:100], dev=rows[100:])
    assert (plain.model["name"], plain.model["version"], plain.model["seed"]) == ("custom", "0", 0)
    assert signaal.train(rows[:100], dev=rows[100:], options={}).model_bytes() == plain.model_bytes()
    assert (
        signaal.train(rows[:100], dev=rows[100:], seed=0, name="custom", version="0").model_bytes()
        == plain.model_bytes()
    )


def test_train_bad_options():
    rows = _toy_rows()
    with pytest.raises(signaal.ConfigError, match="unknown field; expected one of `seed`") as e:
        signaal.train(rows, options={"epochs": 3, "cue_wieght": 1.0})
    assert "`cue_weight`" in str(e.value) and "cue_wieght" not in str(e.value)
    with pytest.raises(signaal.ConfigError, match="wrong type"):
        signaal.train(rows, options={"epochs": "drie"})
    with pytest.raises(signaal.ConfigError, match="out of range"):
        signaal.train(rows, options={"epochs": -1})
    with pytest.raises(signaal.ConfigError, match="unknown name"):
        signaal.train(rows, options={"solver": "sgd"})
    with pytest.raises(signaal.ConfigError, match="finite numbers"):
        signaal.train(rows, options={"learning_rate": float("nan")})
    with pytest.raises(signaal.ConfigError, match="bits"):  # parsed, then rejected by training
        signaal.train(rows, options={"bits": 30})
    with pytest.raises(TypeError, match="options must be a dict"):
        signaal.train(rows, options=[("epochs", 3)])
    assert issubclass(signaal.ConfigError, signaal.SignaalError)


def test_train_bad_records():
    with pytest.raises(signaal.InputError):
        signaal.train([{"text": "a", "labels": ["dreiging"]}] * 10)
    with pytest.raises(signaal.InputError):
        signaal.train([{"tekst": "a"}])
    with pytest.raises(TypeError):
        signaal.train([("a", ["threat"])])
    with pytest.raises(TypeError):
        signaal.train([{"text": b"a"}])
    with pytest.raises(TypeError):
        signaal.train(5)
    with pytest.raises(signaal.InputError):  # every post has the label
        signaal.train([{"text": f"x {i}", "labels": ["threat"]} for i in range(20)])
    with pytest.raises(signaal.IoError):
        signaal.evaluate("/nonexistent/records.jsonl")
