"""Eight Python threads sharing one Analyzer (after tokenizers' test_freethreaded.py)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import signaal


def test_eight_threads_share_one_analyzer(sample_records):
    analyzer = signaal.Analyzer(redaction={"mode": "tag"})
    texts = [r["text"] for r in sample_records]
    expected = [a.to_dict() for a in analyzer.analyze_many(texts)]
    barrier = threading.Barrier(8)
    errors = []

    def work(k):
        barrier.wait()
        out = []
        for round_ in range(3):
            if (k + round_) % 3 == 0:
                out = [a.to_dict() for a in analyzer.analyze_many(texts, threads=2)]
            elif (k + round_) % 3 == 1:
                out = [analyzer.analyze(t).to_dict() for t in texts]
            else:
                out = [a.to_dict() for a in analyzer.analyze_many(iter(texts))]
            if out != expected:
                errors.append(k)
        return len(out)

    with ThreadPoolExecutor(max_workers=8) as ex:
        counts = list(ex.map(work, range(8)))
    assert counts == [len(texts)] * 8
    assert errors == []


def test_module_level_default_is_built_once_under_threads():
    with ThreadPoolExecutor(max_workers=8) as ex:
        analyzers = list(ex.map(lambda _: signaal.default_analyzer(), range(32)))
    assert all(a is analyzers[0] for a in analyzers)


def test_gil_is_released_during_batches(sample_records):
    """Another Python thread keeps running while analyze_many works."""
    texts = [r["text"] for r in sample_records] * 50
    ticks = 0
    done = threading.Event()

    def ticker():
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    t = threading.Thread(target=ticker)
    t.start()
    try:
        signaal.analyze_many(texts)
    finally:
        done.set()
        t.join()
    assert ticks > 0
