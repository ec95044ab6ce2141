"""Reading a file that ingest was given: an article, its example questions, a corpus file.

Every one is read the same way: only a regular file (a FIFO would block ingest forever, and a
device such as ``/dev/zero`` would be read until memory ran out, both while ingest holds the
index's lock), only inside the folder it was found in (a link out of it would bring any file
the operator can read into the index), and never more than a limit. Where a file leads is
checked, then the file is opened one folder at a time without following a link: one swapped
for a link out of the folder in between (while earlier files are read) is not opened.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_CHUNK = 1 << 20
_FLAGS = os.O_RDONLY | os.O_NONBLOCK  # a FIFO opens at once, and is refused


def read_file(path: Path, limit: int, *, within: Path | None = None) -> bytes | str:
    """The bytes of ``path``, or the reason (a few words) it is not read: it leads outside
    ``within`` (a symlink, where it leads and as it is opened), is not a regular file, is larger
    than ``limit`` bytes or cannot be opened. The file is checked on the descriptor it is read
    from."""
    inside = real = None
    if within is not None:
        inside = within.resolve()
        real = _leads_to(path, inside)
        if real is None:
            return f"symlink points outside {within.as_posix()}"
    try:
        fd = os.open(path, _FLAGS) if real is None else _open_within(real, inside)
    except PermissionError:
        return "permission denied"
    except OSError as e:
        if inside is not None and _leads_to(path, inside) is None:  # a link since it was checked
            return f"symlink points outside {within.as_posix()}"
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


def _leads_to(path: Path, inside: Path) -> Path | None:
    """Where ``path`` leads (its links followed), when that is in the folder ``inside``."""
    real = Path(os.path.realpath(path))
    return real if real.is_relative_to(inside) else None


def _open_within(real: Path, inside: Path) -> int:
    """A descriptor on ``real``, a resolved path in the folder ``inside``, opened from there one
    folder at a time without following a link (``OSError`` where one now stands)."""
    *folders, name = real.relative_to(inside).parts or (".",)  # "." for the folder itself
    fd = os.open(inside, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for folder in folders:
            below = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = below
        return os.open(name, _FLAGS | os.O_NOFOLLOW, dir_fd=fd)
    finally:
        os.close(fd)


__all__ = ["read_file"]
