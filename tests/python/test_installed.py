import pathlib

import signaal


def test_imports_the_installed_wheel_not_the_source_tree():
    here = pathlib.Path(signaal.__file__).resolve()
    repo_python = pathlib.Path(__file__).resolve().parents[2] / "python"
    assert repo_python not in here.parents, here
    assert "site-packages" in here.parts


def test_constants():
    assert signaal.__version__.count(".") == 2
    assert signaal.MODEL_NAME == "signaal-nl"
    assert isinstance(signaal.MODEL_VERSION, str) and signaal.MODEL_VERSION
    assert signaal.LABELS == ("complaint", "tip", "threat", "polarization")
    assert "person" in signaal.ENTITY_KINDS and len(signaal.ENTITY_KINDS) == 14
    assert signaal.Analyzer().model["version"] == signaal.MODEL_VERSION


def test_every_public_name_has_a_docstring():
    for name in signaal.__all__:
        obj = getattr(signaal, name)
        if isinstance(obj, (str, tuple)):
            continue
        assert obj.__doc__ and obj.__doc__.strip(), name
    for cls in (signaal.Analyzer, signaal.Analysis, signaal.Entity, signaal.EvidenceItem,
                signaal.Redaction, signaal.Classification, signaal.Language):
        for attr in dir(cls):
            if attr.startswith("_"):
                continue
            assert getattr(cls, attr).__doc__, f"{cls.__name__}.{attr}"
    import importlib
    assert importlib.import_module("signaal.pandas").analyze.__doc__
