"""The analyser turns text into the same terms for documents and queries, loads Kiwi once per
process however many threads ask, and keeps English-only work free of it."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from search import analysis

ROOT = Path(__file__).resolve().parents[2]


def test_worker_can_analyse_korean_from_many_threads_with_one_kiwi():
    texts = ["한강공원에 자전거도로를 만들어 주세요", "어린이 보호구역에 단속 카메라", "Drinking fountains 음수대를"]
    expected = [analysis.index_terms(t) for t in texts]
    seen: list[int] = []
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def work():
        try:
            results.append([analysis.index_terms(t) for t in texts * 5][: len(texts)])
            seen.append(id(analysis.kiwi()))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert not errors, errors
    assert results == [expected] * 8
    assert len(set(seen)) == 1


def test_worker_can_analyse_english_without_loading_kiwi():
    code = (
        "from search import analysis\n"
        "analysis.index_terms('Drinking fountains along the Han River')\n"
        "analysis.query_clauses('crosswalks near schools')\n"
        "assert not analysis.kiwi_loaded()\n"
        "import sys; assert 'kiwipiepy' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env={"PYTHONPATH": f"{ROOT}:{ROOT / 'site'}"})


def test_citizen_can_reach_a_document_by_its_words_in_any_form():
    document = analysis.analyse("보관소를 늘려 주세요. Drinking fountains, Wi-Fi를 설치").index_string().split()
    for query in ("보관소", "보관소가", "fountain", "wifi", "설치"):
        for clause in analysis.query_clauses(query):
            assert set(clause.alternatives) & set(document), (query, clause)
