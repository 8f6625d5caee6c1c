"""Batches on a Dask cluster: a LocalCluster of two workers, one of them killed mid-batch.

Marked ``cluster`` (about 10-20 s): ``pytest -m "not cluster"`` leaves it out of a quick run;
the README's test command and CI run it.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from generator import Job, Outcome, build_many
from generator.readers.rows import read_rows

pytestmark = pytest.mark.cluster
distributed = pytest.importorskip("distributed")

OUTLINE = """\
title: Brief for {{ place }}
date: 2026-11-01
sections:
  - title: "{{ place }}"
    content:
      - The figure for {{ place }} is {{ value }}.
      - points: [One, Two, Three]
"""
ROWS = 24


def test_a_batch_survives_a_killed_worker_and_writes_each_pair_once(tmp_path: Path) -> None:
    outline = tmp_path / "brief.yaml"
    outline.write_text(OUTLINE, encoding="utf-8")
    data = tmp_path / "rows.csv"
    data.write_text("place,value\n" + "".join(f"Place {i},{i * 7}\n" for i in range(ROWS)), encoding="utf-8")
    jobs = [Job(outline, row, f"place-{index:02d}") for index, row in enumerate(read_rows(data))]
    out = tmp_path / "out"
    seen: list[Outcome] = []
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        pids = client.run(os.getpid)
        victim = sorted(pids.values())[0]

        def on_outcome(outcome: Outcome) -> None:
            seen.append(outcome)
            if len(seen) == 3:  # mid-batch: the worker dies with the jobs it holds
                os.kill(victim, signal.SIGKILL)

        outcomes = build_many(jobs, out, executor=client.get_executor(pure=False), as_bytes=True,
                              on_outcome=on_outcome)
        assert victim not in client.run(os.getpid).values()  # the worker really died (the nanny restarted one)
    assert [o.job for o in outcomes] == jobs and len(seen) == ROWS  # one outcome per row, in order, none twice
    assert all(o.ok for o in outcomes), [o.problems for o in outcomes if not o.ok]
    assert sorted(p.name for p in out.iterdir()) == sorted(f"place-{i:02d}.{ext}" for i in range(ROWS)
                                                           for ext in ("pdf", "pptx"))
    for index in (0, ROWS - 1):
        text = "".join(page.extract_text() for page in PdfReader(out / f"place-{index:02d}.pdf").pages)
        assert f"The figure for Place {index} is {index * 7}." in text
        assert len(Presentation(str(out / f"place-{index:02d}.pptx")).slides) >= 2


def test_the_command_line_runs_a_batch_on_a_local_dask_cluster(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli.main import main

    outline = tmp_path / "brief.yaml"
    outline.write_text(OUTLINE, encoding="utf-8")
    data = tmp_path / "rows.csv"
    outline.write_text(OUTLINE + "      - chart: {type: bar, categories: [x], series: [{name: s, values: "
                       "[{{ value }}]}]}\n", encoding="utf-8")
    data.write_text("place,value\nA,1\nB,2\nC,none\n", encoding="utf-8")
    assert main(["build", str(outline), "--data", str(data), "--name", "place", "-o", str(tmp_path / "out"),
                 "--executor", "dask", "-j", "2", "-q"]) == 1
    err = capsys.readouterr().err
    assert f"{data}:4: {outline}:8:" in err and "briefdeck: 2 of 3 rows built, 1 of 3 rows failed" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["A.pdf", "A.pptx", "B.pdf", "B.pptx"]
