"""The embedded store kept on disk between commands, and brought up to date with the files.

Every command used to parse every Turtle file and derive the tenure, timeline and entailment
graphs again (27 s of CPU at 1M triples) before answering in milliseconds. The files stay the
truth; the on-disk store is a cache of them, like git's index: a manifest records each file's
size, modification time and SHA-256, and a command whose files all match opens the store
read-only and answers at once.

When files changed, a writer (one at a time: ``store.lock``) makes the next *generation*:
a RocksDB checkpoint of the current one (hard links, milliseconds), in which only the graphs
of changed, added or removed files are rewritten, and the derived graphs are computed in memory
and written as a difference (RocksDB deletes are slow: clearing a 1M-quad graph took 104 s).
The manifest naming the new generation is then replaced atomically, so a reader sees the old
store or the new one, never a store being written; readers hold a shared lock on their
generation, and old generations are removed once nobody reads them.

Where it lives: ``<project>/.ssegraph/`` (git-ignored), or under the user's cache directory
when the project cannot be written (the copy bundled in the package), or where
``SSEGRAPH_STORE`` says; ``SSEGRAPH_STORE=memory`` keeps the old in-memory behaviour.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import gc
import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ssegraph import sparql
from ssegraph.backends.embedded import EmbeddedBackend
from ssegraph.errors import ParseError
from ssegraph.project import Project
from ssegraph.safefile import write_atomically
from ssegraph.vocab import graph_iri, is_derived

ENV_VAR = "SSEGRAPH_STORE"
IN_MEMORY = "memory"
DIRECTORY_NAME = ".ssegraph"
#: Bumped when the layout of the directory or of the manifest changes.
LAYOUT = 1
#: Files changed within this many nanoseconds of the last check are hashed even when their
#: size and time match (a write in the same clock tick as the check: git's "racy" files).
_RACY_NS = 100_000_000
_HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class FileState:
    """What the manifest remembers of one file: enough to tell, cheaply, that it is unchanged."""

    size: int
    mtime_ns: int
    inode: int
    sha256: str


@dataclass
class Manifest:
    """The current generation, the files it was built from, and how it was derived."""

    generation: str
    files: dict[str, FileState]
    derivation: str  # the version of the code that derived its graphs
    checked_ns: int
    statements: int = 0

    def to_json(self) -> bytes:
        return json.dumps({"layout": LAYOUT, **asdict(self)}, indent=1).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Manifest | None:
        try:
            raw = json.loads(data)
            if raw.pop("layout") != LAYOUT:
                return None
            raw["files"] = {name: FileState(**state) for name, state in raw["files"].items()}
            return cls(**raw)
        except (ValueError, KeyError, TypeError):
            return None  # unreadable or from another layout: rebuilt like a missing store


@dataclass
class Refresh:
    """What bringing the store up to date did, for ``info`` and the tests."""

    reloaded: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    rederived: bool = False
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.reloaded or self.removed or self.rederived)


def store_directory(project: Project) -> Path | None:
    """Where the project's store lives, or None to keep it in memory."""
    chosen = os.environ.get(ENV_VAR, "")
    if chosen == IN_MEMORY:
        return None
    if chosen:
        return Path(chosen)
    inside = project.root / DIRECTORY_NAME
    if not project.read_only and _can_write(project.root, inside):
        return inside
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    key = hashlib.sha256(str(project.root.resolve()).encode()).hexdigest()[:16]
    return cache / "ssegraph" / f"{project.root.name}-{key}"


def _can_write(root: Path, inside: Path) -> bool:
    if inside.is_dir():
        return os.access(inside, os.W_OK | os.X_OK)
    return os.access(root, os.W_OK | os.X_OK)


class DiskStore:
    """A project's store directory: its manifest, its generations and their locks."""

    def __init__(self, directory: Path, project: Project) -> None:
        self.directory = directory
        self.project = project
        self.manifest_path = directory / "manifest.json"

    # ---- reading

    def open(self) -> tuple[EmbeddedBackend, Refresh]:
        """The store, read-only and up to date with the files (brought there if it was not)."""
        refresh = Refresh()
        for _ in range(5):  # a writer may publish between our look and our lock: look again
            manifest = self._manifest()
            if manifest is not None and self._current(manifest):
                backend = self._reader(manifest)
                if backend is not None:
                    return backend, refresh
            refresh = self.refresh()
        raise OSError(errno.EAGAIN, f"{self.directory}: the store kept changing while opened")

    def reads_current(self, generation: Path) -> bool:
        """Whether ``generation`` is the current one and the files still match it."""
        manifest = self._manifest()
        if manifest is None or self.directory / manifest.generation != generation:
            return False
        return self._current(manifest)

    def _current(self, manifest: Manifest) -> bool:
        if manifest.derivation != derivation_version():
            return False
        names = self._files()
        if set(names) != set(manifest.files):
            return False
        return all(_same(names[name], manifest.files[name], manifest.checked_ns) for name in names)

    def _reader(self, manifest: Manifest) -> EmbeddedBackend | None:
        generation = self.directory / manifest.generation
        readers = _lock(self.directory / f"{manifest.generation}.readers", fcntl.LOCK_SH)
        if not generation.is_dir():  # removed between our look and our lock
            os.close(readers)
            return None
        store = ox.Store.read_only(str(generation))
        return EmbeddedBackend(
            store=store, keep=readers, statements=manifest.statements, generation=generation
        )

    def _manifest(self) -> Manifest | None:
        try:
            return Manifest.from_json(self.manifest_path.read_bytes())
        except FileNotFoundError:
            return None

    def _files(self) -> dict[str, Path]:
        return {self.project.relative(path): path for path in self.project.rdf_files()}

    # ---- writing

    def refresh(self) -> Refresh:
        """Make a new generation that matches the files, unless another writer just did."""
        self.directory.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        descriptor = _lock(self.directory / "store.lock", fcntl.LOCK_EX, wait_message=True)
        try:
            old = self._manifest()
            if old is not None and self._current(old):
                return Refresh()
            refresh = self._build(old)
        finally:
            os.close(descriptor)
        self._remove_unread_generations()
        refresh.seconds = time.perf_counter() - started
        return refresh

    def _build(self, old: Manifest | None) -> Refresh:
        checked = time.time_ns()  # before reading: a file written after it is looked at again
        files = self._files()
        states = {name: _state(path) for name, path in files.items()}
        previous = self.directory / old.generation if old is not None else None
        if old is None or previous is None or not previous.is_dir():
            previous, changed, removed = None, list(files), []
        else:
            known = old.files
            changed = [n for n in files if n not in known or known[n].sha256 != states[n].sha256]
            removed = [name for name in known if name not in files]
        name = f"gen-{time.time_ns():x}"
        target = self.directory / name
        try:
            statements = self._write(target, previous, files, changed, removed)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            _derived_file(target).unlink(missing_ok=True)
            raise
        manifest = Manifest(name, states, derivation_version(), checked, statements)
        write_atomically(self.manifest_path, manifest.to_json())
        return Refresh(reloaded=changed, removed=removed, rederived=True)

    def _write(
        self,
        target: Path,
        previous: Path | None,
        files: dict[str, Path],
        changed: list[str],
        removed: list[str],
    ) -> int:
        """Write the generation ``target``; return how many statements it holds.

        The derivations run in memory over every file (parsed again: reading 1M quads back
        from RocksDB is slower than parsing their Turtle). On disk, a checkpoint of the previous
        generation gets only the changed files' graphs and the derived statements that differ;
        when most of the graph changed, a fresh store is written in one bulk load instead.
        """
        from ssegraph.derive import derive  # a writer's work: readers never import it

        memory = ox.Store()
        parsed: dict[str, list[ox.Quad]] = {}
        for name, path in files.items():
            quads = _parse(path, self._graph(path), name)
            memory.bulk_extend(quads)
            if name in changed:
                parsed[name] = quads
        derive(EmbeddedBackend(store=memory))
        derived = _derived_lines(memory)
        old_derived = _read_lines(_derived_file(previous)) if previous is not None else None
        if previous is None or old_derived is None or _mostly(changed, files):
            disk = ox.Store(str(target))
            disk.bulk_extend(memory)
        else:
            checkpoint = ox.Store.read_only(str(previous))
            checkpoint.backup(str(target))  # hard links to the immutable tables: milliseconds
            del checkpoint
            disk = ox.Store(str(target))
            for name in removed:
                _sync_graph(disk, self._graph_named(name), [])
            for name, quads in parsed.items():
                _sync_graph(disk, self._graph(files[name]), quads)
            for quad in _quads(old_derived - derived):
                disk.remove(quad)
            disk.extend(_quads(derived - old_derived))
        disk.flush()
        write_atomically(_derived_file(target), b"\n".join(sorted(derived)))
        statements = len(memory)
        del disk, memory
        gc.collect()  # pyoxigraph closes RocksDB when the store is dropped
        return statements

    def _graph(self, path: Path) -> ox.NamedNode:
        return ox.NamedNode(str(graph_iri(path.parent.name, path.stem)))

    def _graph_named(self, name: str) -> ox.NamedNode:
        return self._graph(self.project.root / name)

    def _remove_unread_generations(self) -> None:
        manifest = self._manifest()
        current = manifest.generation if manifest else None
        for entry in self.directory.glob("gen-*"):
            if not entry.is_dir() or entry.name == current:
                continue
            readers = self.directory / f"{entry.name}.readers"
            try:
                descriptor = _lock(readers, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # somebody still reads it; the next writer will try again
            try:
                shutil.rmtree(entry, ignore_errors=True)
                for sidecar in self.directory.glob(f"{entry.name}.*"):
                    if sidecar != readers:
                        sidecar.unlink(missing_ok=True)
                readers.unlink(missing_ok=True)
            finally:
                os.close(descriptor)


def open_project(project: Project) -> tuple[EmbeddedBackend, Refresh] | None:
    """The project's on-disk store, up to date; None where it is kept in memory instead."""
    directory = store_directory(project)
    if directory is None:
        return None
    try:
        return DiskStore(directory, project).open()
    except OSError as error:
        # No room, no permission, a store another version wrote: the files still answer.
        print(f"note: the on-disk store is not used ({directory}: {error})", file=sys.stderr)
        return None


def is_current(project: Project, backend: EmbeddedBackend) -> bool:
    """Whether ``backend``, opened from the project's store, still matches the files: the
    store's current generation is the one it reads, and no file changed since it was built."""
    directory = store_directory(project)
    if directory is None or backend.generation is None:
        return True  # a store in memory has nothing to follow
    return DiskStore(directory, project).reads_current(backend.generation)


def refresh_project(project: Project) -> Refresh | None:
    """Bring the project's store on disk up to date with its files now (``add`` calls it
    under the project's lock, so the store follows what it wrote); None where there is none."""
    directory = store_directory(project)
    if directory is None:
        return None
    try:
        return DiskStore(directory, project).refresh()
    except OSError as error:
        print(f"note: the on-disk store was not updated ({directory}: {error})", file=sys.stderr)
        return None


@cache
def derivation_version() -> str:
    """A digest of the code that derives the graphs (its SPARQL and its modules): a store
    derived by other code is derived again. (The package's version is left out: reading it
    costs a command a tenth of a second, and the code says more.)"""
    digest = hashlib.sha256(str(LAYOUT).encode())
    for name in sorted(n for n in sparql.names() if n.startswith("derive/")):
        digest.update(sparql.text(name).encode())
    # The package's files, read without importing them (a reader never runs them).
    for module in sorted((files("ssegraph") / "derive").iterdir(), key=lambda p: p.name):
        if module.name.endswith(".py"):
            digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


def _parse(path: Path, graph: ox.NamedNode, name: str) -> list[ox.Quad]:
    """The file's triples in ``graph``, blank nodes labelled by the file and their order.

    The same content always gets the same labels (the parser's own are random), so the
    derived statements about an unchanged file's blank nodes stay the same on disk.
    """
    prefix = hashlib.sha256(graph.value.encode()).hexdigest()[:8]
    labels: dict[str, ox.BlankNode] = {}

    def stable(term: Any) -> Any:
        if isinstance(term, ox.BlankNode):
            label = labels.get(term.value)
            if label is None:
                label = labels[term.value] = ox.BlankNode(f"f{prefix}n{len(labels)}")
            return label
        return term

    try:
        return [
            ox.Quad(stable(t.subject), t.predicate, stable(t.object), graph)
            for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
        ]
    except SyntaxError as error:
        raise ParseError(name, error.lineno, error.offset, error.msg) from None
    except OSError as error:
        raise ParseError(name, None, None, error.strerror or str(error)) from None


def _sync_graph(disk: ox.Store, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
    """Make ``graph`` on disk hold exactly ``quads``, writing only the difference."""
    wanted = set(quads)
    held = set(disk.quads_for_pattern(None, None, None, graph))
    for quad in held - wanted:
        disk.remove(quad)
    disk.extend(wanted - held)


def _mostly(changed: list[str], files: dict[str, Path]) -> bool:
    """Whether the changed files hold most of the data (then a fresh store is quicker)."""
    sizes = {name: path.stat().st_size for name, path in files.items()}
    return sum(sizes[name] for name in changed) * 4 > sum(sizes.values())


def _derived_lines(store: ox.Store) -> set[bytes]:
    """The derived statements of a store, one N-Quads line each."""
    quads = [
        q
        for g in store.named_graphs()
        if is_derived(g.value)
        for q in store.quads_for_pattern(None, None, None, g)
    ]
    return set((ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"").splitlines())


def _derived_file(generation: Path) -> Path:
    return generation.with_name(f"{generation.name}.derived.nq")


def _read_lines(path: Path) -> set[bytes] | None:
    try:
        return set(path.read_bytes().splitlines())
    except FileNotFoundError:
        return None


def _quads(lines: Iterable[bytes]) -> list[ox.Quad]:
    return list(ox.parse(input=b"\n".join(lines), format=ox.RdfFormat.N_QUADS))


def _state(path: Path) -> FileState:
    status = path.stat()
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
    return FileState(status.st_size, status.st_mtime_ns, status.st_ino, digest.hexdigest())


def _same(path: Path, known: FileState, checked_ns: int) -> bool:
    try:
        status = path.stat()
    except OSError:
        return False
    if (status.st_size, status.st_mtime_ns, status.st_ino) == (
        known.size,
        known.mtime_ns,
        known.inode,
    ) and status.st_mtime_ns < checked_ns - _RACY_NS:
        return True
    return status.st_size == known.size and _state(path).sha256 == known.sha256


def _lock(path: Path, operation: int, *, wait_message: bool = False) -> int:
    """An open descriptor of ``path`` holding an flock (closed by the caller to release it)."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if wait_message:
            with contextlib.suppress(BlockingIOError):
                fcntl.flock(descriptor, operation | fcntl.LOCK_NB)
                return descriptor
            print(f"waiting for another ssegraph to update the store ({path})", file=sys.stderr)
        fcntl.flock(descriptor, operation)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor
