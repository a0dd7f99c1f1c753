"""signaal: explainable triage and redaction of Dutch and Flemish social-media posts.

Each post gets four independent labels (``complaint``, ``tip``, ``threat``,
``polarization``) with calibrated scores and the evidence behind them, its
language, the personal data found in it and a redacted text.

>>> import signaal
>>> a = signaal.analyze("Ik weet waar je woont, pas maar op")
>>> a.labels
['threat']
>>> signaal.redact("Bel Jan de Vries op 06-12345678").text
'Bel [PERSOON] op [TELEFOON]'

Use an :class:`Analyzer` for options (thresholds, redaction policy, another
model) and :meth:`Analyzer.analyze_many` for batches: it releases the GIL and
uses all cores. :mod:`signaal.pandas` turns a Series or DataFrame into a
DataFrame of results. Every result has ``to_dict()``, the same JSON object as
the Rust API, the C ABI and the ``signaal`` command line.
"""

from __future__ import annotations

import threading
from typing import Iterable, List, Optional

from signaal._native import (
    ENTITY_KINDS,
    LABELS,
    MODEL_NAME,
    MODEL_VERSION,
    Analysis,
    Analyzer,
    Classification,
    ConfigError,
    Entity,
    EvidenceItem,
    InputError,
    IoError,
    Language,
    ModelError,
    Redaction,
    SignaalError,
    __version__,
    evaluate,
    train,
)

__all__ = [
    "ENTITY_KINDS",
    "LABELS",
    "MODEL_NAME",
    "MODEL_VERSION",
    "Analysis",
    "Analyzer",
    "Classification",
    "ConfigError",
    "Entity",
    "EvidenceItem",
    "InputError",
    "IoError",
    "Language",
    "ModelError",
    "Redaction",
    "SignaalError",
    "__version__",
    "analyze",
    "analyze_many",
    "classify",
    "classify_many",
    "default_analyzer",
    "evaluate",
    "redact",
    "redact_many",
    "train",
]

_default: Optional[Analyzer] = None
_default_lock = threading.Lock()


def default_analyzer() -> Analyzer:
    """The shared ``Analyzer()`` (built-in model, default policy) behind the
    module-level functions, built on first use."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Analyzer()
    return _default


def analyze(text: str) -> Analysis:
    """Analyse one post with the default analyzer (see :meth:`Analyzer.analyze`)."""
    return default_analyzer().analyze(text)


def classify(text: str) -> Classification:
    """Classify one post with the default analyzer (see :meth:`Analyzer.classify`)."""
    return default_analyzer().classify(text)


def redact(text: str) -> Redaction:
    """Redact one post with the default analyzer (see :meth:`Analyzer.redact`)."""
    return default_analyzer().redact(text)


def analyze_many(texts: Iterable[str], *, threads: Optional[int] = None) -> List[Analysis]:
    """Analyse many posts on all cores with the default analyzer (see :meth:`Analyzer.analyze_many`)."""
    return default_analyzer().analyze_many(texts, threads=threads)


def classify_many(texts: Iterable[str], *, threads: Optional[int] = None) -> List[Classification]:
    """Classify many posts with the default analyzer (see :meth:`Analyzer.classify_many`)."""
    return default_analyzer().classify_many(texts, threads=threads)


def redact_many(texts: Iterable[str], *, threads: Optional[int] = None) -> List[Redaction]:
    """Redact many posts with the default analyzer (see :meth:`Analyzer.redact_many`)."""
    return default_analyzer().redact_many(texts, threads=threads)
