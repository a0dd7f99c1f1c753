"""The examples in the docstrings run (after pydantic-core's test_docstrings.py)."""

import doctest
import importlib

import pytest


@pytest.mark.parametrize("module", ["signaal", "signaal._native", "signaal.pandas"])
def test_docstring_examples(module):
    if module == "signaal.pandas":
        pytest.importorskip("pandas")
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
