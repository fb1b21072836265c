"""`catalog glossary [TERM]`: the catalog's technical terms, in English and Persian."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from catalog.cli._common import ExitCode, fail, print_json
from catalog.cli.options import CatalogOption

if TYPE_CHECKING:
    from catalog.models import GlossaryTerm


def register(app: typer.Typer) -> None:
    app.command("glossary")(glossary)


def term_json(term_id: str, term: GlossaryTerm) -> dict[str, Any]:
    """The stable JSON shape of a glossary term (documented in the docs)."""
    return {
        "id": term_id,
        "en": term.en,
        "fa": term.fa,
        "variants": dict(term.variants),
        "avoid": dict(term.avoid),
    }


def _cell(preferred: str, also: list[str], avoid: list[str]) -> str:
    text = preferred + (f" ({', '.join(also)})" if also else "")
    return text + (f"; avoid: {', '.join(avoid)}" if avoid else "")


def glossary(
    words: list[str] | None = typer.Argument(
        None, metavar="[TERM]", help="A term's id, or any of its forms in English or Persian."
    ),
    catalog: CatalogOption = None,
    json_out: bool = typer.Option(False, "--json", help="Print JSON (keys in the docs)."),
) -> None:
    """Show the glossary, or one term, in English and Persian.

    Search expands a query through these terms, in both directions; 'catalog validate' warns
    when a text uses a form the glossary says to avoid.

    Examples:

      catalog glossary

      catalog glossary low-rank

      catalog glossary سازوکار --json
    """
    from catalog.cli._common import load_index_or_exit
    from catalog.cli.tables import print_table
    from catalog.plaintext import Column, Role

    index = load_index_or_exit(catalog)
    terms = index.catalog.glossary
    term = " ".join(words) if words else None
    if term is None:
        chosen = list(terms)
    else:
        chosen = index.glossary.find(term)
        if not chosen:
            raise fail(
                f"no glossary term '{term}'", code=ExitCode.PROBLEMS, hint=_suggest(index, term)
            )
    if json_out:
        if term is not None:
            print_json(term_json(chosen[0], terms[chosen[0]]))
        else:
            print_json({"count": len(chosen), "terms": [term_json(t, terms[t]) for t in chosen]})
        return
    if not chosen:
        typer.echo("This catalog has no glossary.", err=True)
        return
    # Each cell: the preferred form, other accepted forms in parentheses, forms to avoid. The
    # shared layout: fitted to the terminal (ids never cut), tab-separated on a pipe.
    rows = []
    for term_id in chosen:
        found = terms[term_id]
        rows.append(
            [
                term_id,
                *(
                    _cell(
                        getattr(found, lang),
                        found.variants.get(lang, []),
                        found.avoid.get(lang, []),
                    )
                    for lang in ("en", "fa")
                ),
            ]
        )
    columns = [Column("term", Role.KEY), Column("English", Role.TEXT), Column("Persian", Role.TEXT)]
    print_table(columns, rows, styles={0: "cyan"})
    if term is None:
        from catalog.plaintext import plural

        typer.echo(plural(len(chosen), "term"), err=True)


def _suggest(index: Any, term: str) -> str:
    from catalog.cli._common import suggest

    names = [*index.catalog.glossary, *(" ".join(p) for p in index.glossary.by_form)]
    return suggest(term.casefold(), names) or "see 'catalog glossary'"
