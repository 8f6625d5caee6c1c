"""A Dask cluster as a batch executor: ``--executor dask [--scheduler tcp://HOST:8786]``.

Stage: orchestration (an address in, a ``concurrent.futures.Executor`` out). Dask is an
optional extra (``pip install "briefdeck[dask]"``) and is imported only here. Without an
address a local cluster of worker processes is started for the batch and closed after it.
Dask retries a task whose worker died on another worker; jobs send their files back
(``as_bytes``), so what a lost worker had written is never half a pair.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager

from generator.errors import BriefdeckError


@contextmanager
def dask_executor(scheduler: str | None, workers: int) -> Iterator[Executor]:
    """Yield an executor on the cluster at ``scheduler`` (or a local one of ``workers`` processes)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise BriefdeckError('--executor dask needs Dask: pip install "briefdeck[dask]"') from None
    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout="10s")
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise BriefdeckError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc})") from None
    try:
        yield client.get_executor(pure=False)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
