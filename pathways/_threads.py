"""One BLAS thread for the model's matrix products.

The model's products are small (cohort operators of at most 72 x 36 per block); with OpenBLAS's
default of one thread per core they spend their time handing work between threads, and on a busy
2-core machine a 10,000-sample batch took 1.6-6.5 s instead of 0.9-1.3 s with one thread (measured
alternately in one session, issue 10). ``PATHWAYS_BLAS_THREADS`` overrides the limit (e.g. for a
large dedicated machine); Dask workers scale out by processes instead.
"""

from __future__ import annotations

import os

from threadpoolctl import threadpool_limits

_LIMITS = []  # keeps the limit object alive for the life of the process


def limit_blas_threads() -> int:
    """Limit BLAS to ``PATHWAYS_BLAS_THREADS`` threads (default 1); returns the limit."""
    try:
        threads = max(1, int(os.environ.get("PATHWAYS_BLAS_THREADS", "1")))
    except ValueError:
        threads = 1
    if not _LIMITS:
        _LIMITS.append(threadpool_limits(limits=threads, user_api="blas"))
    return threads
