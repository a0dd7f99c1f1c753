"""pandas helpers: analyse a Series or a DataFrame column into a DataFrame.

Needs pandas (``pip install signaal[pandas]``); signaal itself does not
depend on it.

>>> import pandas as pd, signaal.pandas
>>> df = pd.DataFrame({"text": ["Ik weet waar je woont", "Fijne dag!"]})
>>> out = signaal.pandas.analyze(df)
>>> list(out.columns)[:4]
['score_complaint', 'score_tip', 'score_threat', 'score_polarization']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Union

from signaal._native import LABELS, Analyzer

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["analyze", "COLUMNS"]

#: The columns of :func:`analyze`'s DataFrame, in order.
COLUMNS = (
    *(f"score_{label}" for label in LABELS),
    "labels",
    "redacted",
    "language",
    "language_confidence",
    "entities",
)


def analyze(
    obj: Union["pd.Series[Any]", "pd.DataFrame"],
    text_column: str = "text",
    *,
    analyzer: Optional[Analyzer] = None,
    threads: Optional[int] = None,
) -> "pd.DataFrame":
    """Analyse a Series of str, or a DataFrame's ``text_column``, on all cores.

    Returns a DataFrame with the input's index and the columns
    ``score_complaint``, ``score_tip``, ``score_threat``,
    ``score_polarization`` (floats), ``labels`` (list of str), ``redacted``
    (str), ``language`` (ISO 639-1 code or ``"und"``),
    ``language_confidence`` and ``entities`` (list of dicts, as in
    ``Entity.to_dict()``). Join it to the input with ``df.join(result)``.

    ``analyzer`` defaults to :func:`signaal.default_analyzer`. A missing
    value (None, NaN) in the texts raises TypeError naming its position.
    """
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("signaal.pandas needs pandas: pip install 'signaal[pandas]'") from e
    import signaal

    if isinstance(obj, pd.DataFrame):
        if text_column not in obj.columns:
            raise KeyError(f"the DataFrame has no column {text_column!r}")
        series = obj[text_column]
    elif isinstance(obj, pd.Series):
        series = obj
    else:
        raise TypeError(f"obj must be a pandas Series or DataFrame, not {type(obj).__name__}")
    a = analyzer if analyzer is not None else signaal.default_analyzer()
    results = a.analyze_many(series, threads=threads)
    data: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    score_cols = [(label, f"score_{label}") for label in LABELS]
    for r in results:
        scores = r.scores
        for label, col in score_cols:
            data[col].append(scores[label])
        data["labels"].append(r.labels)
        data["redacted"].append(r.redacted)
        lang = r.language
        data["language"].append(lang.code)
        data["language_confidence"].append(lang.confidence)
        data["entities"].append([e.to_dict() for e in r.entities])
    return pd.DataFrame(data, index=series.index, columns=list(COLUMNS))
