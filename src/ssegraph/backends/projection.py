"""Query-text edits that put bound variables where an engine can use them.

Values are bound as RDF terms, never pasted into the query text; two engines need help:

* pyoxigraph binds variables with ``substitutions`` (SEP-0007: the variable is replaced by the
  term everywhere in the query, FILTERs and EXISTS included), but it refuses a variable that is
  not in the SELECT projection. Catalogue queries use parameters (``?group``, ``?date``,
  ``?lang``) without returning them, so ``project`` adds the bound variables' *names* to the
  projection (and to its GROUP BY when it aggregates: a bound variable is constant, so grouping
  by it changes nothing), and the backend drops those columns from the answer.
* The SPARQL 1.1 Protocol has no bindings at all, so ``insert_values`` writes a ``VALUES`` block
  at the start of the outermost WHERE group, each term serialised by rdflib's ``n3()`` (which
  escapes it): a value is data in the query, never syntax.
* A UNION's branches are planned each on its own, before a block beside them binds anything:
  ``values_in_branches`` also opens each branch with the block, so that an engine's optimiser
  starts from the bound terms there too (``bind_values`` picks what a query allows). pyoxigraph
  plans a query before it substitutes, so the embedded store writes the block as well.

Only variable names, checked against SPARQL's grammar, and ``n3()`` terms are written into the
text, by one VALUES builder (``values_block``) that every caller shares. One token walker
(``tokens_of``) skips comments, strings and IRIs and gives each token its depth in braces and in
parentheses, so only the outer query's keywords are touched, never a sub-query's.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib.term import Identifier, Literal, URIRef

VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

_TOKENS = re.compile(
    r"""
    (?P<skip>
        \#[^\n]*                                   # comment
      | \"\"\"[\s\S]*?(?<!\\)\"\"\"(?:@[A-Za-z0-9-]+)?  # long strings (with language tag)
      | '''[\s\S]*?(?<!\\)'''(?:@[A-Za-z0-9-]+)?
      | "[^"\\\n]*(?:\\.[^"\\\n]*)*"(?:@[A-Za-z0-9-]+)?  # strings (unrolled: linear)
      | '[^'\\\n]*(?:\\.[^'\\\n]*)*'(?:@[A-Za-z0-9-]+)?
      | <[^<>"{}|^`\\\s]*>                         # IRI
    )
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_-]*(?::[^\s{}()\[\];,]*)?)  # keyword or prefixed name
  | (?P<punct>\S)
    """,
    re.VERBOSE,
)

_PREFIX_NAME = re.compile(r"([A-Za-z][\w.-]*)?:")
_FORMS = ("select", "ask", "construct", "describe")
_AGGREGATES = {"count", "sum", "min", "max", "avg", "sample", "group_concat"}
_AFTER_GROUP = {"having", "order", "limit", "offset", "values"}


@dataclass(frozen=True)
class Token:
    """A token and where it sits: ``depth`` braces and ``parens`` parentheses around it (a
    bracket itself counts as outside the group it opens or closes)."""

    kind: str
    text: str
    start: int
    end: int
    depth: int
    parens: int


def tokens_of(query: str) -> list[Token]:
    """The one walk over a query's text: its tokens, each with its depth."""
    found, depth, parens = [], 0, 0
    for match in _TOKENS.finditer(query):
        if match.lastgroup == "skip":
            continue
        text = match.group()
        depth -= text == "}"
        parens -= text == ")"
        found.append(Token(match.lastgroup or "", text, match.start(), match.end(), depth, parens))
        depth += text == "{"
        parens += text == "("
    return found


def project(query: str, names: Iterable[str]) -> tuple[str, list[str]]:
    """The query with ``names`` projected, and the names that had to be added.

    A query that is not a SELECT, or a ``SELECT *``, comes back unchanged.
    """
    tokens = tokens_of(query)
    select = _outer_select(tokens)
    if select is None:
        return query, []
    at = select + 1
    if at < len(tokens) and tokens[at].text.lower() in {"distinct", "reduced"}:
        at += 1
    if at >= len(tokens) or tokens[at].text == "*":
        return query, []
    projected, aggregates, end = _projection(tokens, at)
    added = [name for name in dict.fromkeys(names) if name not in projected]
    if not added:
        return query, []
    for name in added:
        if not VARIABLE_NAME.fullmatch(name):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
    variables = " ".join(f"?{name}" for name in added)
    edits = [(tokens[at].start, f"{variables} ")]
    group_by = _outer_group_by(tokens, end)
    if group_by is not None:
        edits.append((group_by, f" {variables}"))
    elif aggregates:
        position = _group_by_position(tokens, end)
        text = f" GROUP BY {variables}" if position is None else f"GROUP BY {variables} "
        edits.append((len(query) if position is None else position, text))
    for position, text in sorted(edits, reverse=True):
        query = query[:position] + text + query[position:]
    return query, added


def _outer_form(tokens: list[Token]) -> int | None:
    """The index of the outer query's form keyword (SELECT, ASK, CONSTRUCT, DESCRIBE)."""
    return next(
        (
            index
            for index, token in enumerate(tokens)
            if token.kind == "word" and token.depth == 0 and token.text.lower() in _FORMS
        ),
        None,
    )


def _outer_select(tokens: list[Token]) -> int | None:
    form = _outer_form(tokens)
    return form if form is not None and tokens[form].text.lower() == "select" else None


def query_form(query: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``: what the outer query asks for.

    A text with none of them (an update, or no query at all) counts as a SELECT, so that the
    engine's parser is the one to say what is wrong with it.
    """
    tokens = tokens_of(query)
    form = _outer_form(tokens)
    return "SELECT" if form is None else tokens[form].text.upper()


def leading_keyword(query: str) -> str | None:
    """The first keyword after the prologue, lower-cased (``select``, ``construct``,
    ``insert``...), or None: what a request asks before any engine parses it."""
    tokens = iter(tokens_of(query))
    for token in tokens:
        word = token.text.lower()
        if word == "prefix":
            next(tokens, None)  # the prefix's name (its IRI is skipped by the walk)
        elif word != "base":
            return word if token.kind == "word" else None
    return None


def declared_prefixes(query: str) -> set[str]:
    """The prefixes the query's prologue declares (``PREFIX org: <...>`` -> ``org``)."""
    tokens = tokens_of(query)
    return {
        found.group(1) or ""
        for before, after in itertools.pairwise(tokens)
        if before.text.lower() == "prefix" and (found := _PREFIX_NAME.match(after.text))
    }


def insert_values(
    query: str, variables: Sequence[str], rows: Sequence[Sequence[Identifier]]
) -> str:
    """The query with ``VALUES (?v ...) { (term ...) ... }`` opening its outermost WHERE group.

    Joined with the rest of the group, the block binds the variables as a substitution would
    for every pattern and FILTER of the outer group (a sub-query or a FILTER inside a nested
    group sees it only through the join). Terms are written with ``n3()``; an IRI that rdflib
    cannot write safely raises instead of being pasted.
    """
    at = where_group(tokens_of(query))
    return f"{query[:at]} {values_block(variables, rows)}{query[at:]}"


def writable(term: Identifier) -> bool:
    """Whether ``values_block`` can write the term: an IRI or a literal that rdflib's ``n3()``
    escapes (it refuses an IRI with a space or a quote; a blank node cannot be in VALUES)."""
    if not isinstance(term, URIRef | Literal):
        return False
    try:
        term.n3()
    except Exception:  # rdflib raises a bare Exception for an IRI it cannot write
        return False
    return True


def values_block(variables: Sequence[str], rows: Sequence[Sequence[Identifier]]) -> str:
    """``VALUES (?a ?b) { (term term) ... }``: the one way a term is written into a query.

    Variable names are checked against SPARQL's grammar and terms written by ``n3()``, which
    escapes a literal and refuses an IRI it cannot write safely: ValueError either way, never a
    term pasted as syntax.
    """
    for name in variables:
        if not VARIABLE_NAME.fullmatch(name):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
    names = " ".join(f"?{name}" for name in variables)
    try:
        data = " ".join("(" + " ".join(term.n3() for term in row) + ")" for row in rows)
    except Exception as error:  # rdflib raises a bare Exception for an IRI it cannot write
        raise ValueError(f"a value cannot be written into a query: {error}") from None
    return f"VALUES ({names}) {{ {data} }}"


def bind_values(query: str, variables: Sequence[str], rows: Sequence[Sequence[Identifier]]) -> str:
    """``values_in_branches``, or ``insert_values`` alone for a query with a sub-query.

    Both backends write bound terms this way: the remote one because its protocol has no
    bindings, the embedded one for its planner. ValueError if the query has no WHERE group.
    """
    try:
        return values_in_branches(query, variables, rows)
    except ValueError:
        return insert_values(query, variables, rows)


def values_in_branches(
    query: str, variables: Sequence[str], rows: Sequence[Sequence[Identifier]]
) -> str:
    """``insert_values``, and the same block opening each branch of a UNION of the WHERE group.

    Each branch of a UNION is planned on its own: a VALUES block beside the UNION binds the
    variables only after the branches' plans are made, one inside each branch before. Only the
    UNIONs that are themselves patterns of the WHERE group get it (a block inside an OPTIONAL
    would make the variables look shared, and change how the OPTIONAL is joined). A query with
    a sub-query raises ValueError (a block inside it would restrict it).
    """
    tokens = tokens_of(query)
    if sum(1 for token in tokens if token.kind == "word" and token.text.lower() == "select") > 1:
        raise ValueError("a sub-query would see the values too")
    values = " " + values_block(variables, rows)
    where = where_group(tokens)
    opening = next(i for i, token in enumerate(tokens) if token.end == where)
    at = [where, *(tokens[i].end for i in _union_branches(tokens, opening))]
    for position in sorted(at, reverse=True):
        query = query[:position] + values + query[position:]
    return query


def _union_branches(tokens: list[Token], group: int) -> list[int]:
    """The indexes of the ``{`` that open a branch of a UNION directly inside ``group``."""
    branches = []
    index, end = group + 1, after_group(tokens, group) - 1
    while index < end:
        if tokens[index].text != "{":
            index += 1
            continue
        after = after_group(tokens, index)
        before_union = tokens[index - 1].text.lower() == "union"
        if before_union or (after < len(tokens) and tokens[after].text.lower() == "union"):
            branches.append(index)
        index = after
    return branches


def where_group(tokens: list[Token]) -> int:
    """The text position just after the ``{`` that opens the outer query's WHERE group."""
    form = _outer_form(tokens)
    if form is None:
        raise ValueError("no SELECT, ASK, CONSTRUCT or DESCRIBE query to bind values in")
    index = form + 1
    if tokens[form].text.lower() == "construct":
        if index < len(tokens) and tokens[index].text == "{":
            index = after_group(tokens, index)  # the template
        else:
            raise ValueError("bind values in the long form: CONSTRUCT { ... } WHERE { ... }")
    outside = tokens[form].parens
    for token in tokens[index:]:
        if token.text == "{" and token.parens == outside:
            return token.end
    raise ValueError("the query has no WHERE group to bind values in")


def after_group(tokens: list[Token], start: int) -> int:
    """The index of the token after the group that opens at ``tokens[start]``."""
    depth = tokens[start].depth
    for index in range(start + 1, len(tokens)):
        if tokens[index].text == "}" and tokens[index].depth == depth:
            return index + 1
    return len(tokens)


def _projection(tokens: list[Token], at: int) -> tuple[set[str], bool, int]:
    """Projected variable names, whether an aggregate is used, and the index after it."""
    projected: set[str] = set()
    aggregates = False
    outside = tokens[at].parens
    index = at
    while index < len(tokens):
        token = tokens[index]
        word = token.text.lower()
        if token.parens == outside and (token.text == "{" or word in {"where", "from"}):
            break
        inside = token.parens > outside
        if token.kind == "var" and (not inside or tokens[index - 1].text.lower() == "as"):
            projected.add(token.text[1:])
        elif token.kind == "word" and word in _AGGREGATES:
            aggregates = True
        index += 1
    return projected, aggregates, index


def _outer_group_by(tokens: list[Token], start: int) -> int | None:
    for token, following in itertools.pairwise(tokens[start:]):
        if token.depth == 0 and token.text.lower() == "group" and following.text.lower() == "by":
            return following.end
    return None


def _group_by_position(tokens: list[Token], start: int) -> int | None:
    """Where a GROUP BY goes: before HAVING/ORDER/LIMIT/OFFSET/VALUES, else at the end."""
    return next(
        (t.start for t in tokens[start:] if t.depth == 0 and t.text.lower() in _AFTER_GROUP),
        None,
    )
