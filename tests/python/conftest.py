"""Shared fixtures. The tests import the *installed* signaal package: run
pytest from this directory (scripts/test-python.sh does), never with the
repository's python/ directory on sys.path."""

import json
import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEV = ROOT / "data" / "corpus" / "dev.jsonl"
SAMPLES = ROOT / "data" / "samples" / "posts.jsonl"
TRAIN = ROOT / "data" / "corpus" / "train.jsonl"


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def dev_records():
    return read_jsonl(DEV)


@pytest.fixture(scope="session")
def sample_records():
    return read_jsonl(SAMPLES)


@pytest.fixture(scope="session")
def expected_dev():
    """The CLI's analyses of the dev split (the core's serde JSON), made by
    scripts/test-python.sh with `signaal analyze data/corpus/dev.jsonl`."""
    path = os.environ.get("SIGNAAL_EXPECTED_DEV")
    if not path:
        pytest.skip("SIGNAAL_EXPECTED_DEV not set (run scripts/test-python.sh)")
    return read_jsonl(path)
