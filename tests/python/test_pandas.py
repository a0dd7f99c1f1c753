import pytest

import signaal

pd = pytest.importorskip("pandas")
import signaal.pandas  # noqa: E402


def test_dataframe(sample_records):
    df = pd.DataFrame(sample_records).set_index("id")
    out = signaal.pandas.analyze(df)
    assert list(out.index) == list(df.index)
    assert list(out.columns) == list(signaal.pandas.COLUMNS)
    first = signaal.analyze(df["text"].iloc[0])
    row = out.iloc[0]
    assert row["score_threat"] == first.scores["threat"]
    assert row["labels"] == first.labels
    assert row["redacted"] == first.redacted
    assert row["language"] == first.language.code
    joined = df.join(out)
    assert len(joined) == len(df)


def test_series_and_options():
    s = pd.Series(["Bel 06-12345678", "Ik weet waar je woont"], index=[10, 20], name="post")
    out = signaal.pandas.analyze(s, analyzer=signaal.Analyzer(redaction={"mode": "tag"}), threads=1)
    assert list(out.index) == [10, 20]
    assert out.loc[10, "redacted"] == "Bel [TELEFOON_1]"
    assert out.loc[10, "entities"][0]["kind"] == "phone"
    df = pd.DataFrame({"bericht": s})
    assert signaal.pandas.analyze(df, text_column="bericht").equals(signaal.pandas.analyze(s))


def test_bad_inputs():
    with pytest.raises(KeyError):
        signaal.pandas.analyze(pd.DataFrame({"x": ["a"]}))
    with pytest.raises(TypeError):
        signaal.pandas.analyze(["a"])
    with pytest.raises(TypeError, match="float"):
        signaal.pandas.analyze(pd.Series(["a", None, float("nan")]).iloc[[0, 2]])
    empty = signaal.pandas.analyze(pd.Series([], dtype=object))
    assert len(empty) == 0 and list(empty.columns) == list(signaal.pandas.COLUMNS)
