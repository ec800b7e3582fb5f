"""Files read and written safely: regular files only, bounded, replaced atomically, one writer.

- ``read_regular``: only a regular file is read (after following symlinks: no FIFO that never
  ends, no ``/dev/zero``, no directory), and never more than a limit.
- ``write_atomically``: the one way the package writes a file (``replacing`` for a writer that
  opens the file by name). The data goes to a temporary file
  beside the *real* target (symlinks followed, so the link stays a link and its target is
  updated), with the target's mode and owner (a new file gets 0666 less the umask), is fsynced,
  replaces the target in one rename, and the directory is fsynced. A read-only target, a device,
  a directory that does not exist are refused with one line, before anything is written; an
  error or SIGTERM/SIGINT midway removes the temporary file and leaves the target as it was.
- ``project_lock``: one steward at a time changes a project (``fcntl.flock`` on a lock file
  under it); the others wait, saying so on stderr, until a timeout.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import signal
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import BinaryIO

from ssegraph.errors import CannotWrite, ProjectBusy, UnreadableInput

#: Default largest batch file (bytes): ``--max-batch-size`` changes it.
MAX_BATCH_BYTES = 256 * 1024 * 1024
LOCK_NAME = ".ssegraph.lock"
LOCK_TIMEOUT = 120.0  # seconds

_KINDS = {
    stat.S_ISDIR: "a directory",
    stat.S_ISFIFO: "a FIFO (named pipe)",
    stat.S_ISCHR: "a character device",
    stat.S_ISBLK: "a block device",
    stat.S_ISSOCK: "a socket",
}


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    return next((name for test, name in _KINDS.items() if test(mode)), "not a regular file")


def require_regular(path: Path) -> os.stat_result:
    """The status of ``path`` (symlinks followed), or ``UnreadableInput`` if not a regular file."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise UnreadableInput(f"{path}: no such file") from None
    except OSError as error:
        raise UnreadableInput(f"{path}: cannot be read ({error.strerror})") from None
    if not stat.S_ISREG(status.st_mode):
        raise UnreadableInput(f"{path}: {kind_of(status.st_mode)}, not a regular file")
    return status


def read_regular(path: Path, limit: int = MAX_BATCH_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes."""
    status = require_regular(path)
    if status.st_size > limit:
        raise UnreadableInput(
            f"{path}: {status.st_size:,} bytes, over the limit of {limit:,} (--max-batch-size)"
        )
    try:
        with open(path, "rb") as handle:
            data = _read_at_most(handle, limit + 1)
    except OSError as error:
        raise UnreadableInput(f"{path}: cannot be read ({error.strerror})") from None
    if len(data) > limit:  # it grew while being read
        raise UnreadableInput(f"{path}: over the limit of {limit:,} bytes (--max-batch-size)")
    return data


def _read_at_most(handle: BinaryIO, size: int) -> bytes:
    chunks, left = [], size
    while left > 0:
        chunk = handle.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def write_atomically(path: Path, data: bytes) -> Path:
    """Replace the real file behind ``path`` by ``data``, atomically; return the real path."""
    with replacing(path) as temporary, open(temporary, "wb") as handle:
        handle.write(data)
    return Path(os.path.realpath(path))


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside the real file behind ``path``, for a writer that opens the file
    itself by name (pyoxigraph's serialiser); once the block ends it gets the target's mode and
    owner (a new file: 0666 less the umask, not mkstemp's 0600), is fsynced and replaces the
    target in one rename. An error or a signal in the block removes it, the target untouched."""
    target = Path(os.path.realpath(path))
    directory = target.parent
    status = _writable_target(path, target)
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=directory, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise CannotWrite(f"{directory}: cannot write a file there ({error.strerror})") from None
    os.close(descriptor)
    with _cleaned_on_signal(temporary):
        try:
            yield Path(temporary)
            _settle(temporary, status)
            os.replace(temporary, target)
        except BaseException as error:
            Path(temporary).unlink(missing_ok=True)
            if isinstance(error, OSError):
                raise CannotWrite(f"{target}: not written ({error.strerror})") from None
            raise
    _fsync_directory(directory)


def _settle(temporary: str, status: os.stat_result | None) -> None:
    """The written temporary file with the target's mode and owner, on disk."""
    descriptor = os.open(temporary, os.O_RDONLY)
    try:
        _copy_mode_and_owner(descriptor, status)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _writable_target(path: Path, target: Path) -> os.stat_result | None:
    """The status of the existing target (None for a new file); refuse what cannot be replaced."""
    if not target.parent.is_dir():
        raise CannotWrite(f"{path}: the directory {target.parent} does not exist")
    require_writable_directory(target.parent)
    try:
        status = os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise CannotWrite(f"{path}: {error.strerror}") from None
    if not stat.S_ISREG(status.st_mode):
        raise CannotWrite(f"{path}: {kind_of(status.st_mode)}; only a regular file is replaced")
    # The mode bits as well as access(): root may write anything, but a file its owner made
    # read-only is meant to stay as it is.
    if not os.access(target, os.W_OK) or not status.st_mode & 0o222:
        raise CannotWrite(f"{path}: the file is read-only; nothing was written")
    return status


def require_writable_directory(directory: Path) -> None:
    """``CannotWrite`` unless files can be created in ``directory`` (mode bits as well)."""
    try:
        mode = os.stat(directory).st_mode
    except OSError as error:
        raise CannotWrite(f"{directory}: {error.strerror}") from None
    if not os.access(directory, os.W_OK | os.X_OK) or not mode & 0o222:
        raise CannotWrite(
            f"{directory}: read-only (mode {stat.S_IMODE(mode):04o}); nothing was written"
        )


def _copy_mode_and_owner(descriptor: int, status: os.stat_result | None) -> None:
    if status is None:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(descriptor, 0o666 & ~umask)
        return
    os.fchmod(descriptor, stat.S_IMODE(status.st_mode))
    if (status.st_uid, status.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(PermissionError):  # only root may give a file away
            os.fchown(descriptor, status.st_uid, status.st_gid)


def _fsync_directory(directory: Path) -> None:
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def _cleaned_on_signal(temporary: str) -> Iterator[None]:
    """SIGTERM and SIGINT while writing remove the temporary file, then end as they would."""
    if threading.current_thread() is not threading.main_thread():  # signals reach it only
        yield
        return

    def interrupted(number: int, frame: FrameType | None) -> None:
        Path(temporary).unlink(missing_ok=True)
        raise KeyboardInterrupt if number == signal.SIGINT else SystemExit(128 + number)

    previous = {n: signal.signal(n, interrupted) for n in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextlib.contextmanager
def project_lock(root: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[Path]:
    """Hold the project's lock (``<root>/.ssegraph.lock``) for the duration; wait up to
    ``timeout`` seconds for another steward to release it, saying so on stderr."""
    lock_path = root / LOCK_NAME
    try:
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as error:
        raise CannotWrite(
            f"{lock_path}: cannot create the project's lock ({error.strerror}); is the project "
            "directory writable?"
        ) from None
    try:
        _acquire(descriptor, lock_path, timeout)
        yield lock_path
    finally:
        os.close(descriptor)  # releases the lock


def _acquire(descriptor: int, lock_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    said = False
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise CannotWrite(f"{lock_path}: cannot lock ({error.strerror})") from None
        if time.monotonic() >= deadline:
            raise ProjectBusy(
                f"{lock_path}: another `ssegraph add` has held the project for over "
                f"{timeout:g} s; nothing was changed (try again, or --lock-timeout)"
            )
        if not said:
            print(
                f"waiting for another steward's `ssegraph add` to finish ({lock_path})",
                file=sys.stderr,
                flush=True,
            )
            said = True
        time.sleep(0.05)
