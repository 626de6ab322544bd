"""Rows of a saved matrix, read with ``pread`` rather than through a memory mapping.

In a large index, the models without a graph score each question's candidates (a few hundred
rows scattered over a file of hundreds of MB) from their ``vectors-<model>.npy``. Read through
a memory mapping, each row maps the 16 pages around it into the process as well (the kernel's
fault-around, which ``MADV_RANDOM`` does not turn off): measured at 10,000 profiles, 260
questions left 390 MB of the USE vectors mapped in every worker. Read with ``pread``, the rows
come from the page cache (shared by every process, reclaimable) and map nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

__all__ = ["RowReader"]


class RowReader:
    """Reads rows of one C-ordered matrix stored at ``offset`` of a file."""

    def __init__(self, path: Path, offset: int, shape: tuple[int, int], dtype: np.dtype) -> None:
        self._file = open(path, "rb", buffering=0)  # noqa: SIM115  # closed with the reader
        self._offset = offset
        self.shape = shape
        self.dtype = np.dtype(dtype)
        self._row_bytes = shape[1] * self.dtype.itemsize

    @classmethod
    def of(cls, matrix: np.ndarray) -> RowReader | None:
        """A reader of the file a memory-mapped 2-d ``matrix`` (``np.load(mmap_mode="r")``)
        maps; None for a matrix in memory, which needs none."""
        filename = getattr(matrix, "filename", None)
        if filename is None or matrix.ndim != 2 or not matrix.flags.c_contiguous:
            return None
        offset = int(getattr(matrix, "offset", 0))
        return cls(Path(filename), offset, (matrix.shape[0], matrix.shape[1]), matrix.dtype)

    def close(self) -> None:
        self._file.close()

    def __call__(self, rows: np.ndarray) -> np.ndarray:
        """The rows ``rows`` (ascending for fewer reads: runs of consecutive rows are read
        at once), in that order."""
        rows = np.asarray(rows, dtype=np.int64)
        out = np.empty((len(rows), self.shape[1]), dtype=self.dtype)
        if not len(rows):
            return out
        if rows.min() < 0 or rows.max() >= self.shape[0]:
            raise IndexError(f"rows out of 0..{self.shape[0] - 1}")
        buffer = out.data.cast("B")
        # A run starts where a row does not follow the one before it.
        starts = np.flatnonzero(np.diff(rows, prepend=rows[0] - 2) != 1)
        ends = np.append(starts[1:], len(rows))
        descriptor = self._file.fileno()
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            wanted = (end - start) * self._row_bytes
            position = self._offset + int(rows[start]) * self._row_bytes
            target = buffer[start * self._row_bytes : end * self._row_bytes]
            if os.preadv(descriptor, [target], position) != wanted:
                raise OSError(f"{self._file.name}: short read at byte {position}")
        return out
