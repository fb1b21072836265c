"""Round-trip editing of a catalog file, shared by every curation command.

The contract of an edit: read the file with ruamel.yaml's round-trip loader (comments, key
order, quoting and flow style are kept), change the tree, render it, then :func:`commit`:

1. the result is validated with :func:`catalog.loader.loads`; an edit may not add an error
   (errors the file already had, and placeholders the caller declares, are allowed);
2. the result must keep every comment and every resource of the original (a bug guard);
3. it is written with the one writer, :func:`catalog.files.write_text` (atomic, keeps the
   file's permissions, writes through a symbolic link, refuses a read-only file), and only if
   the file on disk is still the one that was read. Any failure leaves the file byte-identical
   and raises :class:`~catalog.errors.OutputError` when it comes from writing.

ruamel.yaml is pure Python: about a second for a 3,000-line catalog, but about 20 s to
load and 12 s to write back a 4 MB one (``bench/curate``). Fine for edits of normal catalogs;
the read-only commands use the fast loader instead.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.curate.comments import comment_census
from catalog.curate.errors import EditRejected, EditUnsafe, UnreadableInput
from catalog.errors import CatalogFileError, CatalogReadError, Problem
from catalog.files import write_text

SCHEMA_LINE = "# yaml-language-server: $schema=catalog.schema.json"
NEW_CATALOG = f"{SCHEMA_LINE}\n\ntopics: {{}}\n\nresources: []\n"
# Canonical layout: keys two spaces in, list dashes two spaces in under their key.
CANONICAL_INDENT = (2, 4, 2)
_RESOURCE_INDEX = re.compile(r"^resources\[(\d+)\]")
_KEY_LINE = re.compile(r"^( *)[^\s#-][^:#]*:[ \t]*(?:#.*)?$")


def new_yaml(indent: tuple[int, int, int] = CANONICAL_INDENT) -> Any:
    """A ruamel.yaml round-trip instance with the catalog's output conventions.

    ``null`` is written out, rather than as an empty value that reads like a forgotten one.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.emitter import RoundTripEmitter
    from ruamel.yaml.representer import RoundTripRepresenter

    class _Emitter(RoundTripEmitter):
        """Where a new scalar needs quotes, prefer "double" ones (escapes work, as in JSON)."""

        def choose_scalar_style(self) -> Any:
            style = super().choose_scalar_style()
            if style == "'" and not getattr(self.event, "style", None):
                return '"'
            return style

    class _Representer(RoundTripRepresenter):
        """A subclass, so that adding a representer does not change ruamel.yaml globally."""

    _Representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    yaml = YAML(typ="rt")
    yaml.Emitter = _Emitter
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line a person wrote
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def guess_indent(text: str) -> tuple[int, int, int]:
    """The (mapping, sequence, offset) indentation a file mostly uses, for minimal diffs."""
    mappings: Counter[int] = Counter()
    offsets: Counter[int] = Counter()
    lines = text.splitlines()
    for above, line in itertools.pairwise(lines):
        parent = _KEY_LINE.match(above)
        if parent is None or not line.strip() or line.lstrip().startswith("#"):
            continue
        step = len(line) - len(line.lstrip(" ")) - len(parent.group(1))
        if line.lstrip().startswith("- ") and step >= 0:
            offsets[step] += 1
        elif not line.lstrip().startswith("-") and step > 0:
            mappings[step] += 1
    mapping = mappings.most_common(1)[0][0] if mappings else CANONICAL_INDENT[0]
    offset = offsets.most_common(1)[0][0] if offsets else CANONICAL_INDENT[2]
    return mapping, offset + 2, offset


@dataclass
class Document:
    """A catalog file loaded for editing: its original text and the editable tree."""

    path: Path
    text: str
    data: Any
    yaml: Any
    original_ids: list[Any] = field(default_factory=list)
    crlf: bool = False
    bom: bool = False
    # The bytes read from disk (None for a new file), to notice a change made meanwhile.
    raw: bytes | None = None

    @classmethod
    def read(cls, path: str | Path, *, create: bool = False) -> Document:
        """Load ``path`` for editing; with ``create``, a missing file starts as an empty catalog."""
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            if not create:
                raise UnreadableInput(f"{path}: file not found; pass --catalog PATH") from None
            return cls.parse(NEW_CATALOG, path)  # raw None: the file must still not exist
        except OSError as exc:
            raise UnreadableInput(f"{path}: cannot read the file: {exc.strerror or exc}") from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise UnreadableInput(f"{path}: the file is not UTF-8 text") from None
        doc = cls.parse(text, path)
        doc.raw = raw
        return doc

    @classmethod
    def parse(cls, text: str, path: str | Path) -> Document:
        """Load catalog text for editing; ``path`` is where :func:`commit` will write it."""
        bom = text.startswith("\ufeff")
        text = text.removeprefix("\ufeff")
        crlf = "\r\n" in text
        text = text.replace("\r\n", "\n")
        yaml = new_yaml(guess_indent(text))
        yaml.explicit_start = text.startswith("---")  # keep a document-start marker
        try:
            data = yaml.load(text)
        except Exception as exc:  # ruamel raises many unrelated types; translate them here
            mark = getattr(exc, "problem_mark", None)
            where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise UnreadableInput(f"{path}{where}: not valid YAML: {problem}") from None
        if data is None:
            data = yaml.load(NEW_CATALOG)
        from ruamel.yaml.comments import CommentedMap

        if not isinstance(data, CommentedMap):
            raise UnreadableInput(
                f"{path}: the top level must be a mapping with 'topics' and 'resources'"
            )
        doc = cls(Path(path), text, data, yaml, crlf=crlf, bom=bom)
        doc.original_ids = resource_ids(data)
        return doc

    @property
    def resources(self) -> Any:
        """The editable ``resources`` list (created if the file has none)."""
        from ruamel.yaml.comments import CommentedSeq

        if not isinstance(self.data.get("resources"), list):
            self.data["resources"] = CommentedSeq()
        return self.data["resources"]

    @property
    def topics(self) -> Any:
        """The editable ``topics`` mapping (created if the file has none)."""
        from ruamel.yaml.comments import CommentedMap

        if not isinstance(self.data.get("topics"), dict):
            self.data["topics"] = CommentedMap()
        return self.data["topics"]

    def render(self) -> str:
        """The edited tree as text, in the file's own conventions."""
        import io

        buffer = io.StringIO()
        self.yaml.dump(self.data, buffer)
        return buffer.getvalue()

    def line_of(self, index: int) -> int | None:
        """The 1-based line where resource ``index`` starts in the original text."""
        resources = self.data.get("resources")
        try:
            return int(resources[index].lc.line) + 1
        except (AttributeError, IndexError, KeyError, TypeError):
            return None


def flow_list(values: list[Any]) -> Any:
    """A list written in flow style, ``[a, b]``, as the catalog writes topics and authors."""
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq


def folded(text: str, width: int = 88) -> Any:
    """Long text as a folded block (``>-``) wrapped at ``width``, as the catalog writes
    descriptions; short text as it is. The value read back is the same text."""
    import textwrap

    from ruamel.yaml.scalarstring import FoldedScalarString

    text = " ".join(text.split())
    if len(text) <= width:
        return text
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    block = FoldedScalarString(text)
    positions, offset = [], 0
    for line in lines[:-1]:
        offset += len(line)
        positions.append(offset)  # the space after this line becomes the fold
        offset += 1
    block.fold_pos = positions
    return block


def resource_ids(data: Any) -> list[Any]:
    """The ``id`` of each resource (None where it has none), in order."""
    resources = data.get("resources") if isinstance(data, dict) else None
    if not isinstance(resources, list):
        return []
    return [r.get("id") if isinstance(r, dict) else None for r in resources]


def diff(before: str, after: str, name: str) -> str:
    """A unified diff from ``before`` to ``after`` (empty when they are equal)."""
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"{name} (before)",
        tofile=f"{name} (after)",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def commit(
    doc: Document,
    new_text: str | None = None,
    *,
    placeholders: frozenset[str] = frozenset(),
    write: bool = True,
) -> str:
    """Check an edit and write it atomically; return the new text.

    ``placeholders`` are problem paths (``resources[<id>].year``) that may be invalid on
    purpose. Raises :class:`EditRejected` or :class:`EditUnsafe` and writes nothing when the
    edit is not acceptable, and :class:`~catalog.errors.OutputError` when the file cannot be
    written. With ``write=False`` everything is checked and nothing written.
    """
    text = doc.render() if new_text is None else new_text
    check_edit(doc, text, placeholders)
    if write and text != doc.text:
        _unchanged_on_disk(doc)
        output = text.replace("\n", "\r\n") if doc.crlf else text
        write_text(doc.path, ("\ufeff" if doc.bom else "") + output)
    return text


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


def check_edit(doc: Document, text: str, placeholders: frozenset[str] = frozenset()) -> None:
    """Raise unless ``text`` is a safe and valid replacement for ``doc``'s original text."""
    lost = comment_census(doc.text) - comment_census(text)
    if lost:
        shown = ", ".join(repr(c) for c in list(lost)[:3])
        raise EditUnsafe(
            f"{doc.path}: the edit would drop {sum(lost.values())} comment(s): {shown}; nothing "
            "was written (the YAML editor cannot keep a comment placed there; move it)"
        )
    new_ids = resource_ids(plain_data(text, str(doc.path)))
    missing = Counter(i for i in doc.original_ids if i is not None) - Counter(new_ids)
    if missing or len(new_ids) < len(doc.original_ids):
        shown = ", ".join(map(str, missing)) or "?"
        raise EditUnsafe(f"{doc.path}: the edit would drop resources: {shown}; nothing was written")
    before = _error_keys(doc.text, doc.original_ids, str(doc.path))
    added = [
        problem
        for key, problem in _errors(text, str(doc.path), new_ids)
        if key not in before and not _is_placeholder(key[0], placeholders)
    ]
    if added:
        raise EditRejected(added)


def _is_placeholder(path: str, placeholders: frozenset[str]) -> bool:
    return any(path == p or path.startswith((p + "[", p + ".")) for p in placeholders)


def plain_data(text: str, source: str) -> Any:
    from catalog import yamlsource

    try:
        if yamlsource.needs_strict(text):
            return yamlsource.strict_parse(text)[0]
        return yamlsource.fast_parse(text)
    except yamlsource.YamlProblem as exc:
        raise EditUnsafe(f"{source}: the edit produced unreadable YAML: {exc.message}") from None


def _errors(text: str, source: str, ids: list[Any]) -> list[tuple[tuple[str, str], Problem]]:
    from catalog.loader import loads

    try:
        loads(text, source=source)
    except CatalogReadError as exc:
        return [(("", p.message), p) for p in exc.errors]
    except CatalogFileError as exc:
        return [((_stable_path(p.path, ids), p.message), p) for p in exc.errors]
    return []


def _error_keys(text: str, ids: list[Any], source: str) -> set[tuple[str, str]]:
    return {key for key, _ in _errors(text, source, ids)}


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
