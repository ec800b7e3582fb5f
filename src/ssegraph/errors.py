"""The user-facing failures: a few types, each message saying what went wrong and where.

Each type carries what every front end needs to report it, so none derives one from another:
``exit_code`` for the command line (1: a bad name or input, 2: a project, file or server that
cannot be used) and ``http_status`` for the web server (400 for what the client asked, 404 for
a name that matches nothing, 5xx for what the server cannot do). The command line catches
``SsegraphError`` once and prints its message, the server turns it into a response in one
handler (``serve.errors``). Anything else is a bug and keeps its traceback. This module imports
nothing heavy, so the CLI can load it up front.

A message is written in English, and in French where the error knows all of its words
(``french``, ``french_hints``): a web page in French shows ``said("fr")``; the command line and
JSON answers keep the English ``message`` and ``hints``.
"""

from __future__ import annotations

from collections.abc import Sequence


class SsegraphError(Exception):
    """Base of every error a user can cause and fix."""

    exit_code = 1
    http_status = 400

    def __init__(self, message: str, french: str | None = None) -> None:
        super().__init__(message)
        self.message, self.french = message, french

    def hints(self) -> list[str]:
        """Extra lines to show under the message (nearest names, known choices)."""
        return []

    def french_hints(self) -> list[str]:
        """The hints in French; the English ones where the error has none written."""
        return self.hints()

    def said(self, lang: str) -> tuple[str, list[str]]:
        """The message and hints in ``lang`` ("fr", else English); English words where the
        French ones are not known (a detail that the caller wrote in English)."""
        if lang == "fr":
            return self.french or self.message, self.french_hints()
        return self.message, self.hints()


class ProjectNotFound(SsegraphError):
    """A directory named as the project holds no ``ontology/`` and ``data/``."""

    exit_code = 2
    http_status = 500


class BrokenProject(SsegraphError):
    """A project whose ontology, shapes or data cannot be read: nothing it says can be trusted."""

    exit_code = 2
    http_status = 500


class CannotWrite(SsegraphError):
    """A file or directory that a command must write cannot be written (read-only, missing,
    not a regular file); nothing was changed."""

    exit_code = 2
    http_status = 500


class ProjectBusy(SsegraphError):
    """Another steward holds the project's lock for longer than the wait allowed."""

    exit_code = 2
    http_status = 503


class ReadOnlyProject(SsegraphError):
    """A writing command was pointed at the copy of the graph bundled in the package."""

    exit_code = 2
    http_status = 403


class ParseError(SsegraphError):
    """A Turtle file of the project is not valid RDF."""

    exit_code = 2
    http_status = 500

    def __init__(self, file: str, line: int | None, column: int | None, detail: str) -> None:
        self.file, self.line, self.column, self.detail = file, line, column, detail
        where = file + "".join(f":{n}" for n in (line, column) if n is not None)
        super().__init__(f"{where}: invalid RDF: {detail}", f"{where} : RDF invalide : {detail}")


class UnknownEntity(SsegraphError):
    """No node carries this name or IRI; ``suggestions`` are the nearest names."""

    http_status = 404

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name, self.suggestions = name, list(suggestions)
        super().__init__(
            f"nothing in the graph is called {name!r}",
            f"rien dans le graphe ne s'appelle {name!r}",
        )

    def hints(self) -> list[str]:
        if not self.suggestions:
            return ["try `ssegraph search` with part of the name"]
        return ["nearest names: " + ", ".join(self.suggestions)]

    def french_hints(self) -> list[str]:
        if not self.suggestions:
            return ["essayez `ssegraph search` avec une partie du nom"]
        return ["noms les plus proches : " + ", ".join(self.suggestions)]


class AmbiguousName(SsegraphError):
    """Several nodes carry this name; ``candidates`` are (IRI, label) pairs to choose from."""

    def __init__(self, name: str, candidates: Sequence[tuple[str, str]]) -> None:
        self.name, self.candidates = name, list(candidates)
        count = len(self.candidates)
        super().__init__(
            f"{name!r} names {count} things; give one of their IRIs",
            f"{name!r} désigne {count} entités ; donnez l'IRI de l'une d'elles",
        )

    def hints(self, limit: int = 10) -> list[str]:
        return self._listed(limit, "... and {count} more (see `ssegraph search`)")

    def french_hints(self, limit: int = 10) -> list[str]:
        return self._listed(limit, "… et {count} de plus (voir `ssegraph search`)")

    def _listed(self, limit: int, more: str) -> list[str]:
        lines = [f"{iri}  {label}" for iri, label in self.candidates[:limit]]
        if len(self.candidates) > limit:
            lines.append(more.format(count=len(self.candidates) - limit))
        return lines


class QueryError(SsegraphError):
    """A SPARQL query that the store rejects, or a catalogue query that is badly written (the
    engine's detail is in English)."""

    def __init__(self, where: str, detail: str) -> None:
        self.where, self.detail = where, detail
        super().__init__(f"{where}: {detail}")


class BadParameter(SsegraphError):
    """A value given for a catalogue parameter or an option that cannot be used."""

    def __init__(
        self,
        name: str,
        detail: str,
        choices: Sequence[str] = (),
        french: str | None = None,  # the detail in French
    ) -> None:
        self.name, self.detail, self.choices = name, detail, list(choices)
        super().__init__(f"{name}: {detail}", None if french is None else f"{name} : {french}")

    def hints(self) -> list[str]:
        return ["choose one of: " + ", ".join(self.choices)] if self.choices else []

    def french_hints(self) -> list[str]:
        return ["choisissez parmi : " + ", ".join(self.choices)] if self.choices else []


class BadOption(BadParameter):
    """An option a command cannot be started with (``serve --port 99999``): a usage error."""

    exit_code = 2


class UnreadableInput(SsegraphError):
    """A file given to ``validate`` or ``add`` cannot be read as RDF or as a steward's CSV."""

    exit_code = 2


class BadRows(SsegraphError):
    """Rows of a steward's CSV that name nothing, or several things, in the graph."""

    def __init__(self, file: str, problems: Sequence[str]) -> None:
        self.file, self.problems = file, list(problems)
        count = len(self.problems)
        super().__init__(
            f"{file}: {count} problem(s); nothing was taken from it",
            f"{file} : {count} problème(s) ; rien n'en a été pris",
        )

    def hints(self) -> list[str]:
        return self.problems


class Unavailable(SsegraphError):
    """The server cannot answer now: its workers are busy, the query ran past a limit (time,
    memory, the client's share) or the server is stopping. Asking again, or for less, helps."""

    exit_code = 2
    http_status = 503


class WorkerFailed(SsegraphError):
    """A query worker failed on something that is not the client's doing (a bug)."""

    exit_code = 2
    http_status = 500
