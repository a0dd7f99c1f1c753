"""The Python surface agrees with the Rust API on the dev split: the CLI's
`signaal analyze` writes exactly the core's serde JSON, one line a post."""

import signaal


def test_dev_split_agrees_with_rust(dev_records, expected_dev):
    assert len(expected_dev) == len(dev_records)
    texts = [r["text"] for r in dev_records]
    batch = signaal.analyze_many(texts)
    for rec, want, got in zip(dev_records, expected_dev, batch):
        want = dict(want)
        assert want.pop("id", None) == rec.get("id")
        assert got.to_dict() == want, rec.get("id")
    # One at a time gives the same as the batch.
    for t, got in zip(texts[:100], batch[:100]):
        assert signaal.analyze(t) == got


def test_classify_and_redact_agree_with_analyze(dev_records):
    texts = [r["text"] for r in dev_records[:200]]
    for a, c, r in zip(signaal.analyze_many(texts), signaal.classify_many(texts), signaal.redact_many(texts)):
        d = a.to_dict()
        assert c.to_dict() == {k: d[k] for k in ("labels", "scores", "evidence")}
        assert r.to_dict() == {"text": d["redacted"], "entities": d["entities"]}


def test_attributes_match_to_dict(dev_records):
    for a in signaal.analyze_many(r["text"] for r in dev_records[:100]):
        d = a.to_dict()
        assert a.labels == d["labels"]
        assert a.scores == d["scores"]
        assert a.redacted == d["redacted"]
        assert a.language.to_dict() == d["language"]
        assert [e.to_dict() for e in a.entities] == d["entities"]
        assert {k: [i.to_dict() for i in v] for k, v in a.evidence.items()} == d["evidence"]
        for e, de in zip(a.entities, d["entities"]):
            assert (e.kind, e.tag, e.start, e.end, e.char_start, e.char_end, e.rule) == (
                de["kind"], de["tag"], de["start"], de["end"], de["char_start"], de["char_end"], de["rule"])
