"""Reading a file that ingest was given: an article, its example questions, a corpus file.

Every one is read the same way: only a regular file (a FIFO would block ingest forever, and a
device such as ``/dev/zero`` would be read until memory ran out, both while ingest holds the
index's lock), only inside the folder it was found in (a link out of it would bring any file
the operator can read into the index), and never more than a limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_CHUNK = 1 << 20


def read_file(path: Path, limit: int, *, within: Path | None = None) -> bytes | str:
    """The bytes of ``path``, or the reason (a few words) it is not read: it leads outside
    ``within`` (a symlink), is not a regular file, is larger than ``limit`` bytes or cannot be
    opened. The file is checked on the descriptor it is read from."""
    if within is not None and not path.resolve().is_relative_to(within.resolve()):
        return f"symlink points outside {within.as_posix()}"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO opens at once, and is refused
    except PermissionError:
        return "permission denied"
    except OSError as e:
        return f"unreadable ({e.strerror or type(e).__name__})"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return "not a regular file"
        if info.st_size > limit:
            return f"larger than {limit // 2**20} MB ({info.st_size / 2**20:.0f} MB)"
        parts, size = [], 0
        while size <= limit:  # the size may grow while it is read
            part = os.read(fd, _CHUNK)
            if not part:
                break
            parts.append(part)
            size += len(part)
        if size > limit:
            return f"larger than {limit // 2**20} MB"
        return b"".join(parts)
    except OSError as e:
        return f"unreadable ({e.strerror or type(e).__name__})"
    finally:
        os.close(fd)


__all__ = ["read_file"]
