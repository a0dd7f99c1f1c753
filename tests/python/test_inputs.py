"""Bad and odd inputs, and character offsets over non-ASCII text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import signaal

VALUES = signaal.Analyzer(redaction={"include_values": True})


@pytest.mark.parametrize("fn", ["analyze", "classify", "redact"])
@pytest.mark.parametrize("bad", [None, b"bytes", 12, 1.5, ["lijst"], bytearray(b"x")])
def test_non_str_is_a_type_error_naming_the_type(fn, bad):
    with pytest.raises(TypeError, match=f"text must be str, not {type(bad).__name__}"):
        getattr(signaal.Analyzer(), fn)(bad)
    with pytest.raises(TypeError):
        getattr(signaal, fn)(bad)


@pytest.mark.parametrize("fn", ["analyze", "classify", "redact"])
def test_lone_surrogate_is_an_input_error(fn):
    with pytest.raises(signaal.InputError, match="surrogate") as e:
        getattr(signaal, fn)("hallo \ud800 daar")
    assert isinstance(e.value, ValueError)
    with pytest.raises(signaal.InputError):
        signaal.analyze_many(["goed", "\udfff"])


def test_str_subclass_is_accepted():
    class Post(str):
        pass

    assert signaal.analyze(Post("Ik weet waar je woont")) == signaal.analyze("Ik weet waar je woont")


@pytest.mark.parametrize("text", ["", " ", "\n\t", "🔪🔪🔪", "\x00", "a" * 10, "\u200b\u200d"])
def test_odd_texts_give_normal_results(text):
    a = signaal.analyze(text)
    assert set(a.scores) == set(signaal.LABELS)
    assert isinstance(a.redacted, str)


def test_empty_text():
    a = signaal.analyze("")
    assert a.labels == [] and a.entities == [] and a.redacted == ""
    assert a.language.code == "und"


def test_huge_text():
    text = ("Bel Jan de Vries op 06-12345678, hij weet waar je woont. " * 40000)  # ~2.3 MB
    a = signaal.analyze(text)
    assert len(a.entities) >= 40000
    e = a.entities[-1]
    assert VALUES.redact(text[-200:]).entities  # still finds things in a tail
    assert 0 <= e.char_start < e.char_end <= len(text)


SAMPLES = [
    "Café Hélène: bel 06-12345678 voor een reservering 😀",
    "Ruzie bij de ëtalage, Jan de Vries riep 'ik maak je af' 🔪🔪 mail jan@example.com",
    "مرحبا Bel 06-87654321 of mail info@voorbeeld.nl alstublieft",
    "东京 vriend 👍🏽 belt +31 6 12345678 vanaf 192.168.1.20",
    "👨‍👩‍👧‍👦 gezin Jansen woont op Kerkstraat 12, 1234 AB Utrecht, IBAN NL91ABNA0417164300",
    "Ééééé bel 0612345678 🇳🇱 nu, @jantje123 weet ervan",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_char_offsets_slice_the_value(text):
    r = VALUES.redact(text)
    assert r.entities, text
    raw = text.encode("utf-8")
    for e in r.entities:
        assert text[e.char_start:e.char_end] == e.value
        assert raw[e.start:e.end].decode("utf-8") == e.value
        assert text[slice(*e.span)] == e.value
    a = VALUES.analyze(text)
    assert [x.to_dict() for x in a.entities] == [x.to_dict() for x in r.entities]
    for items in a.evidence.values():
        for item in items:
            if item.span is not None:
                assert raw[item.start:item.end].decode("utf-8") == text[item.char_start:item.char_end]


PIECES = st.sampled_from([
    "bel ", "06-12345678", " of ", "jan@example.com", "Jan de Vries", " é ", "ë", "😀", "👍🏽",
    "مرحبا", "东京", " ", "\n", "NL91ABNA0417164300", "1234 AB", " @jantje ", "192.168.1.20",
    "Kerkstraat 12", "ik weet waar je woont",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=14))
def test_offsets_property(parts):
    text = "".join(parts)
    raw = text.encode("utf-8", "surrogatepass")
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        with pytest.raises(signaal.InputError):
            VALUES.redact(text)
        return
    r = VALUES.redact(text)
    prev = 0
    for e in r.entities:
        assert prev <= e.char_start < e.char_end <= len(text)
        assert text[e.char_start:e.char_end] == e.value
        assert raw[e.start:e.end] == e.value.encode("utf-8")
        prev = e.char_end
