"""Where the graph lives: the project directory that commands read (and later write).

A project is a directory with ``ontology/`` and ``data/`` (and usually ``queries/``). It is, in
this order: the directory named explicitly (``--project DIR``), the one in ``SSEGRAPH_HOME``,
the current directory if it is a project, the source checkout this package runs from (an
editable install), else the copy bundled inside the installed package. The bundled copy is
read-only: a command that writes asks for a directory instead of changing site-packages.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ssegraph.errors import BrokenProject, ProjectNotFound, ReadOnlyProject

ENV_VAR = "SSEGRAPH_HOME"
PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLED_DIR = PACKAGE_DIR / "bundled"

#: The directories of a project whose Turtle files are loaded, each into its own named graph.
RDF_DIRS = ("ontology", "data")


@dataclass(frozen=True)
class Project:
    """A project directory, how it was found, and the files it holds."""

    root: Path
    origin: str  # "option", "environment", "current directory", "checkout" or "bundled"
    read_only: bool = False

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    def ontology_files(self) -> list[Path]:
        return turtle_files(self.ontology_dir)

    def data_files(self) -> list[Path]:
        return turtle_files(self.data_dir)

    def query_files(self) -> list[Path]:
        return sorted(self.queries_dir.glob("*.rq"))

    def query_variant_files(self) -> list[Path]:
        """``queries/<engine>/<name>.rq``: a catalogue query written for one engine."""
        return sorted(self.queries_dir.glob("*/*.rq"))

    def rdf_files(self) -> list[Path]:
        """Every Turtle file to load: the ontology first, then the data."""
        return self.ontology_files() + self.data_files()

    def relative(self, path: Path) -> str:
        """A file's path as a user knows it: relative to the project (``data/actors.ttl``)."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def require_writable(self) -> None:
        """Raise ``ReadOnlyProject`` when this is the copy bundled inside the package."""
        if self.read_only:
            raise ReadOnlyProject(
                f"{self.root}: this is the copy of the graph bundled in the installed package; "
                f"name a project directory with --project DIR or {ENV_VAR}"
            )


def turtle_files(directory: Path) -> list[Path]:
    """The ``*.ttl`` files of a directory of the project, each a readable regular file.

    A directory that cannot be listed, or a file that cannot be read or is not a regular file
    (a FIFO would hang the loader, a device never end), is a ``BrokenProject``: loading part of
    a project would answer, and validate, the wrong graph."""
    try:
        names = sorted(os.listdir(directory))
    except OSError as error:
        raise BrokenProject(f"{directory}: cannot be read ({error.strerror})") from None
    files = []
    for name in names:
        path = directory / name
        if not name.endswith(".ttl"):
            continue
        try:
            status = os.stat(path)
        except OSError as error:
            raise BrokenProject(f"{path}: cannot be read ({error.strerror})") from None
        if not stat.S_ISREG(status.st_mode):
            if stat.S_ISDIR(status.st_mode):
                continue
            raise BrokenProject(f"{path}: not a regular file; only regular files are loaded")
        if not os.access(path, os.R_OK):
            raise BrokenProject(f"{path}: cannot be read (permission denied)")
        files.append(path)
    return files


def is_project(path: Path) -> bool:
    """Whether ``path`` holds the directories of a project."""
    return all((path / name).is_dir() for name in RDF_DIRS)


def checkout_root(package_dir: Path = PACKAGE_DIR) -> Path | None:
    """The source checkout the package is imported from (``<root>/src/ssegraph``), if any."""
    root = package_dir.parent.parent
    if (
        package_dir.parent.name == "src"
        and (root / "pyproject.toml").is_file()
        and is_project(root)
    ):
        return root
    return None


def locate(
    explicit: Path | str | None = None,
    *,
    cwd: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Project:
    """Find the project, by the rules in this module's docstring.

    A directory named explicitly or in the environment must be a project: silently falling back
    to another graph would answer questions about the wrong data.
    """
    environ = os.environ if environ is None else environ
    if explicit is not None:
        return _named(Path(explicit), "option", "--project")
    if environ.get(ENV_VAR):
        return _named(Path(environ[ENV_VAR]), "environment", ENV_VAR)
    here = (cwd or Path.cwd()).resolve()
    if is_project(here):
        return Project(here, "current directory")
    root = checkout_root()
    if root is not None:
        return Project(root, "checkout")
    if is_project(BUNDLED_DIR):
        return Project(BUNDLED_DIR, "bundled", read_only=True)
    raise ProjectNotFound(
        f"{here}: not a project directory (no ontology/ and data/), and the installed package "
        f"carries no bundled graph; name one with --project DIR or {ENV_VAR}"
    )


def _named(path: Path, origin: str, how: str) -> Project:
    try:
        return _named_directory(path, origin, how)
    except OSError as error:  # a name too long, a loop of symlinks...
        shown = str(path) if len(str(path)) <= 120 else str(path)[:100] + "..."
        raise ProjectNotFound(f"{how} {shown}: {error.strerror}") from None


def _named_directory(path: Path, origin: str, how: str) -> Project:
    if not path.is_dir():
        raise ProjectNotFound(f"{how} {path}: no such directory")
    if not is_project(path):
        missing = " and ".join(f"{name}/" for name in RDF_DIRS if not (path / name).is_dir())
        raise ProjectNotFound(f"{how} {path}: not a project directory (no {missing} in it)")
    return Project(path.resolve(), origin)
