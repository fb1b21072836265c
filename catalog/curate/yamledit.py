"""Editing a catalog file as splices of its text, shared by every curation command.

The contract of an edit: read the file once with the one reader (:mod:`catalog.yamldoc`,
through :class:`~catalog.curate.editdoc.Document`, re-exported here), compute the change as
splices of the original text (:mod:`catalog.yamldoc.splice`), so that no line outside the
change moves, then :func:`commit`:

1. the result is parsed again with the same reader and validated with the same loader
   (:func:`catalog.loader.from_document`); an edit may not add an error (errors the file
   already had, and placeholders the caller declares, are allowed);
2. the result must keep every comment and every resource of the original (a bug guard);
3. it is written with the one writer, :func:`catalog.files.write_text` (atomic, keeps the
   file's permissions, writes through a symbolic link, refuses a read-only file), and only if
   the file on disk is still the one that was read. Any failure leaves the file byte-identical
   and raises :class:`~catalog.errors.OutputError` when it comes from writing.

Line endings: a file whose every line ends with CR LF is edited as LF and written back with
CR LF; in any other file the lines an edit does not touch keep their bytes. A byte-order mark
and a missing final newline are kept.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from catalog.curate.editdoc import Document
from catalog.curate.errors import EditRejected, EditUnsafe, UnreadableInput
from catalog.errors import CatalogFileError, CatalogReadError, Problem
from catalog.files import write_text
from catalog.yamldoc import Document as YamlDocument

__all__ = [
    "Document",
    "check_edit",
    "comment_census",
    "commit",
    "placeholder_path",
    "resource_ids",
    "write_checked",
]

_RESOURCE_INDEX = re.compile(r"^resources\[(\d+)\]")


def resource_ids(data: Any) -> list[Any]:
    """The ``id`` of each resource (None where it has none), in order."""
    resources = data.get("resources") if isinstance(data, dict) else None
    if not isinstance(resources, list):
        return []
    return [r.get("id") if isinstance(r, dict) else None for r in resources]


def comment_census(text_or_doc: str | YamlDocument) -> Counter[str]:
    """Every comment (stripped), with how often it occurs, as the one reader finds them."""
    from catalog.yamldoc import parse

    doc = parse(text_or_doc) if isinstance(text_or_doc, str) else text_or_doc
    return Counter(c.text.strip() for c in doc.comments)


def commit(
    doc: Document,
    new_text: str,
    *,
    placeholders: frozenset[str] = frozenset(),
    write: bool = True,
    same_values: bool = False,
    reordered: bool = False,
) -> str:
    """Check an edit and write it atomically; return the new text.

    ``placeholders`` are problem paths (``resources[<id>].year``) that may be invalid on
    purpose. ``same_values`` (formatting) asks that the data stay the same (``reordered``: up
    to the order of the resources). Raises :class:`EditRejected` or :class:`EditUnsafe` and
    writes nothing when the edit is not acceptable, and :class:`~catalog.errors.OutputError`
    when the file cannot be written. With ``write=False`` everything is checked and nothing
    written.
    """
    check_edit(doc, new_text, placeholders, same_values=same_values, reordered=reordered)
    if write:
        write_checked(doc, new_text)
    return new_text


def write_checked(doc: Document, new_text: str) -> None:
    """Write text that :func:`check_edit` accepted (nothing when it is the text read), with the
    file's line endings and byte-order mark, unless the file changed on disk meanwhile."""
    if new_text == doc.text:
        return
    _unchanged_on_disk(doc)
    output = new_text.replace("\n", "\r\n") if doc.crlf else new_text
    write_text(doc.path, ("\ufeff" if doc.bom else "") + output)


def _unchanged_on_disk(doc: Document) -> None:
    """Refuse to overwrite a change someone else made since the file was read."""
    try:
        current: bytes | None = doc.path.read_bytes()
    except FileNotFoundError:
        current = None
    except OSError as exc:
        raise UnreadableInput(f"{doc.path}: cannot read the file: {exc.strerror or exc}") from None
    if current != doc.raw:
        raise EditUnsafe(
            f"{doc.path} changed on disk while this command ran; nothing was written "
            "(run the command again)"
        )


def check_edit(
    doc: Document,
    text: str,
    placeholders: frozenset[str] = frozenset(),
    *,
    same_values: bool = False,
    reordered: bool = False,
) -> None:
    """Raise unless ``text`` is a safe and valid replacement for ``doc``'s original text.

    The new text is read once, and that one reading serves every check: comments, entries,
    values and the catalog's rules.
    """
    from catalog.yamldoc import parse, to_python

    source = str(doc.path)
    try:
        new = parse(text, source=source)
        new_data = to_python(new)
    except CatalogReadError as exc:
        _ = doc.data  # the file itself may be what cannot be read (UnreadableInput)
        raise EditUnsafe(f"{source}: the edit produced unreadable YAML: {exc}") from None
    lost = comment_census(doc.yaml) - comment_census(new)
    if lost:
        shown = ", ".join(repr(c) for c in list(lost)[:3])
        raise EditUnsafe(
            f"{source}: the edit would drop {sum(lost.values())} comment(s): {shown}; nothing "
            "was written"
        )
    old_ids = [r.get("id") for r in doc.resource_fields("id")]
    new_ids = resource_ids(new_data)
    missing = Counter(i for i in old_ids if isinstance(i, str)) - Counter(
        i for i in new_ids if isinstance(i, str)
    )
    if missing or len(new_ids) < len(old_ids):
        shown = ", ".join(map(str, missing)) or "?"
        raise EditUnsafe(f"{source}: the edit would drop resources: {shown}; nothing was written")
    if same_values:
        before, after = _comparable(doc.data, reordered), _comparable(new_data, reordered)
        if before != after and not _same(before, after):
            raise EditUnsafe(f"{source}: formatting would change a value; nothing was written")
        return  # the same data breaks the same rules
    added = _errors(new, new_data, new_ids)
    if not added:
        return
    before = {key for key, _ in _errors(doc.yaml, doc.data, old_ids)}
    problems = [
        problem
        for key, problem in added
        if key not in before and not _is_placeholder(key[0], placeholders)
    ]
    if problems:
        raise EditRejected(problems)


def _comparable(data: Any, reordered: bool) -> Any:
    if reordered and isinstance(data, dict) and isinstance(data.get("resources"), list):
        items = sorted(json.dumps(r, sort_keys=True, default=str) for r in data["resources"])
        return {**data, "resources": items}
    return data


def _same(a: Any, b: Any) -> bool:
    """Equal data, a NaN being equal to a NaN (``.nan`` is a value YAML can write)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    return type(a) is type(b) and bool(a == b)


def _is_placeholder(path: str, placeholders: frozenset[str]) -> bool:
    return any(path == p or path.startswith((p + "[", p + ".")) for p in placeholders)


def _errors(yaml: YamlDocument, data: Any, ids: list[Any]) -> list[tuple[tuple[str, str], Problem]]:
    """The errors of a parsed catalog, each keyed by a path that survives moving entries."""
    from catalog.loader import from_document

    try:
        from_document(yaml, data)
    except CatalogReadError as exc:
        return [(("", p.message), p) for p in exc.errors]
    except CatalogFileError as exc:
        return [((_stable_path(p.path, ids), p.message), p) for p in exc.errors]
    return []


def _stable_path(path: str, ids: list[Any]) -> str:
    """``resources[3].year`` -> ``resources[<id>].year``, so entries can move without effect."""
    match = _RESOURCE_INDEX.match(path)
    if match is None:
        return path
    index = int(match.group(1))
    name = ids[index] if index < len(ids) and isinstance(ids[index], str) else f"#{index}"
    return f"resources[{name}]{path[match.end() :]}"


def placeholder_path(resource_id: str, field_name: str) -> str:
    """The stable problem path of a resource field, as :func:`commit` compares them."""
    return f"resources[{resource_id}].{field_name}"
