"""Threads and processes that fit the machine: one policy for ``advisor serve``.

On a small machine the query path is cheap (USE encodes a question in about 1.3 ms, e5 in
7-14 ms) and what hurts is oversubscription: every worker process starting one BLAS thread per
core, plus its encoder's OpenMP threads, plus dozens of request threads, all fighting for the
same cores. Two workers left at their defaults collapsed to about 20 requests/s with a 5 s p99
at concurrency 32, where one thread each gave 400/s. So the policy is:

- **workers**: one process per core this process may run on (``os.sched_getaffinity``), so
  Python's GIL never caps the machine; ``ADVISOR_WORKERS`` or ``--workers`` override it (the
  staff routes too: a build's state is shared through the index folder).
- **native threads per worker**: BLAS (OpenBLAS, MKL) and OpenMP (the e5 engine) get
  ``ADVISOR_THREADS`` threads each (default 1): the matrices of one question are far too small
  to gain from more, and workers × threads should not exceed the cores.
- **request threads per worker**: the sync endpoints run in anyio's thread pool, whose default
  is 40 threads. Forty requests sharing one GIL only make each of them slower (and the tail
  much longer); two keep an e5 encoding (which releases the GIL) overlapping with the Python
  of another request. ``ADVISOR_REQUEST_THREADS`` (default 2; measured against 1, 4 and 40
  in docs/benchmarks.md).
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass

__all__ = [
    "THREAD_VARIABLES",
    "ServingPlan",
    "available_cores",
    "limit_native_threads",
    "limit_request_threads",
    "release_freed_memory",
    "serving_plan",
    "set_thread_environment",
]

logger = logging.getLogger("advisor.serving.runtime")

# The variables the native libraries under numpy and the encoders read when they load.
THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, which containers and ``taskset``
    narrow), not the machine's count."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class ServingPlan:
    """How many processes and threads ``advisor serve`` runs with."""

    workers: int
    threads: int  # native (BLAS, OpenMP, encoder) threads per worker
    request_threads: int  # threads running requests per worker
    cores: int

    def describe(self) -> str:
        return (
            f"{self.workers} worker(s) on {self.cores} core(s), {self.threads} native thread(s) "
            f"and {self.request_threads} request thread(s) each"
        )

    @property
    def oversubscribed(self) -> bool:
        return self.workers * self.threads > self.cores


def serving_plan(
    threads: int,
    request_threads: int,
    workers: int | None = None,
    cores: int | None = None,
) -> ServingPlan:
    """The plan for these settings; ``workers`` None picks the default (see the module)."""
    cores = cores or available_cores()
    if workers is None:
        # The staff routes too: a build's state is shared through the index folder.
        workers = cores
    return ServingPlan(workers, threads, request_threads, cores)


def set_thread_environment(threads: int) -> None:
    """Tell the native libraries how many threads to start, through the environment.

    This must run before numpy (and the encoders) are first imported in the process: OpenBLAS
    and OpenMP read these variables once, when they load, and size their thread pools then.
    Worker processes inherit the environment, so setting it in the parent before it starts
    them covers every worker. ``ADVISOR_THREADS`` is the one knob: these variables follow it.
    """
    for name in THREAD_VARIABLES:
        os.environ[name] = str(threads)


def limit_native_threads(threads: int) -> None:
    """Cap BLAS and OpenMP pools already loaded in this process (``threadpoolctl``): the
    safety net for a process where numpy was imported before :func:`set_thread_environment`
    (``uvicorn --factory`` started by hand, tests)."""
    if "numpy" not in sys.modules:
        set_thread_environment(threads)
        return
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=threads)


def limit_request_threads(count: int) -> None:
    """Size the thread pool that runs sync endpoints in this process's event loop.

    Call it from inside the loop (the app's lifespan): anyio keeps one limiter per loop.
    """
    from anyio import to_thread

    to_thread.current_default_thread_limiter().total_tokens = count


def release_freed_memory() -> None:
    """Give the C heap's free pages back to the system (glibc ``malloc_trim``), after a
    one-off load that allocated far more than it keeps: loading the general word lists
    allocates about 100 MB more than the 6 MB kept, and each worker would hold on to them."""
    if not sys.platform.startswith("linux"):
        return
    import contextlib
    import ctypes

    # Another C library has no malloc_trim: nothing to give back this way.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
