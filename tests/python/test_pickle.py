import copy
import pickle

import pytest

import signaal

TEXT = "Bel Jan de Vries op 06-12345678, ik weet waar je woont 🔪"


def objects():
    a = signaal.Analyzer(redaction={"include_values": True}).analyze(TEXT)
    return [a, a.entities[0], a.language, a.evidence["threat"][0], signaal.classify(TEXT), signaal.redact(TEXT)]


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_roundtrip(protocol):
    for obj in objects():
        back = pickle.loads(pickle.dumps(obj, protocol=protocol))
        assert type(back) is type(obj)
        assert back == obj
        assert back.to_dict() == obj.to_dict()


def test_copy():
    for obj in objects():
        assert copy.copy(obj) == obj
        assert copy.deepcopy(obj) == obj


def test_results_are_frozen():
    a = signaal.analyze(TEXT)
    with pytest.raises(AttributeError):
        a.labels = []
    with pytest.raises(AttributeError):
        a.entities[0].start = 0
    a.scores["threat"] = 0.0  # a fresh dict each time: the result is unchanged
    assert a.scores["threat"] > 0.0
