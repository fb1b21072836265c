"""Every `catalog ...` command in the workflows, the action and the hooks is one the CLI accepts.

The YAML is parsed, each shell script is split into simple commands the way a shell would
(line continuations, `;`, `&&`, `||`, pipes, redirections), GitHub expressions and shell
variables are replaced by a value the option's type accepts, and the command line is parsed by
the real Typer app. An unknown subcommand, an unknown option, a missing argument or a bad
literal value (say `--format githb`) fails the test, naming the file and the command.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml

from catalog.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    ROOT / ".github" / "workflows" / "ci.yml",
    ROOT / ".github" / "workflows" / "links.yml",
    ROOT / "action.yml",
    ROOT / ".pre-commit-hooks.yaml",
    ROOT / ".pre-commit-config.yaml",
]
EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.DOTALL)
DYNAMIC = "\x00dynamic\x00"  # stands for any value only known when the workflow runs
SEPARATORS = {";", "&&", "||", "|", "&", "(", ")", "\n"}
REDIRECTS = {">", ">>", "<", "&>", ">&"}
FD_REDIRECT = re.compile(r"(?<![\w$])\d*>&\d+|(?<![\w$])\d+(?=>)")


def scripts(path: Path) -> Iterator[str]:
    """Every shell script (or hook entry) in a workflow, action or pre-commit hooks file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(data, list) or "repos" in data:  # pre-commit hooks or config
        hooks = data if isinstance(data, list) else [h for r in data["repos"] for h in r["hooks"]]
        for hook in hooks:
            yield " ".join([hook["entry"], *map(shlex.quote, hook.get("args", []))])
        return
    steps: list[Any] = []
    if "jobs" in data:
        for job in data["jobs"].values():
            steps += job.get("steps", [])
    steps += data.get("runs", {}).get("steps", [])
    yield from (step["run"] for step in steps if "run" in step)


def commands(script: str) -> Iterator[list[str]]:
    """Simple commands of a script, as argument lists, with runtime values made DYNAMIC."""
    script = EXPRESSION.sub("$EXPR", script).replace("\\\n", " ")
    script = FD_REDIRECT.sub(" ", script)  # 2>&1 and friends: no argument to anyone
    lexer = shlex.shlex(script.replace("\n", " ; "), posix=True, punctuation_chars=";&|()<>")
    lexer.whitespace_split = True
    current: list[str] = []
    tokens = iter(lexer)
    for token in tokens:
        if token in SEPARATORS:
            if current:
                yield current
            current = []
        elif token in REDIRECTS or token.endswith((">", ">>")):
            next(tokens, None)  # the redirection target is not an argument
        else:
            current.append(DYNAMIC if "$" in token else token)
    if current:
        yield current


def catalog_commands() -> list[tuple[str, list[str]]]:
    found = []
    for path in FILES:
        for script in scripts(path):
            for argv in commands(script):
                if argv[0] == "catalog":
                    found.append((str(path.relative_to(ROOT)), argv[1:]))
    return found


def _sample(command: Any, param: Any) -> str:
    """A value this parameter accepts, for an argument known only at run time. Typer up to
    0.28 gives a parameter a Click type (with its choices and minimum); 0.29 on, a type
    descriptor converted through Pydantic. Either way the parameter itself converts it."""
    descriptor = getattr(param, "type_descriptor", None)
    kind = getattr(param, "type", None)
    choices = getattr(descriptor, "choices", None) or getattr(kind, "choices", None) or ()
    low = getattr(param, "min", None) if descriptor else getattr(kind, "min", None)
    candidates = [str(getattr(c, "value", c)) for c in choices] + [str(low or 1), "true", "x"]
    many = param.multiple or param.nargs != 1
    for value in candidates:
        try:
            param.process_value(typer.Context(command), [value] if many else value)
        except Exception:  # the vendored Click's BadParameter
            continue
        return value
    return "x"


def _concrete(command: Any, args: list[str]) -> list[str]:
    """Replace DYNAMIC tokens by values of the right type for the option or argument they fill."""
    options = {opt: p for p in command.params if p.param_type_name == "option" for opt in p.opts}
    positional = [p for p in command.params if p.param_type_name == "argument"]
    out: list[str] = []
    position = 0
    expecting: Any = None
    for token in args:
        if expecting is not None:
            out.append(_sample(command, expecting) if token == DYNAMIC else token)
            expecting = None
            continue
        name = token.split("=", 1)[0]
        if token.startswith("-") and name in options:
            param = options[name]
            if "=" in token:
                value = token.split("=", 1)[1]
                out.append(
                    f"{name}={_sample(command, param)}"
                    if "$" in value or DYNAMIC in value
                    else token
                )
            else:
                out.append(token)
                expecting = None if param.is_flag or param.count else param
            continue
        if token == DYNAMIC and position < len(positional):
            out.append(_sample(command, positional[position]))
        else:
            out.append(token)
        if position < len(positional) and positional[position].nargs == 1:
            position += 1
    return out


def parse(args: list[str]) -> str | None:
    """None when the CLI accepts `catalog ARGS`, else why not."""
    command: Any = typer.main.get_command(app)
    ctx: Any = None
    path = ["catalog"]
    rest = list(args)
    while hasattr(command, "commands"):  # a group: the next word is a subcommand
        if not rest:
            return f"'{' '.join(path)}' needs a subcommand"
        name, rest = rest[0], rest[1:]
        ctx = command.make_context(" ".join(path), [name], parent=ctx, resilient_parsing=True)
        sub = command.get_command(ctx, name)
        if sub is None:
            return f"no such command '{' '.join([*path, name])}'"
        command, path = sub, [*path, name]
    try:
        command.make_context(" ".join(path), _concrete(command, rest), parent=ctx)
    except Exception as exc:  # the vendored Click's UsageError family
        format_message = getattr(exc, "format_message", None)
        message = format_message() if format_message else str(exc)
        return f"'{' '.join(path)}': {message}"
    return None


COMMANDS = catalog_commands()


def test_the_files_hold_the_commands_the_workflows_need() -> None:
    # Guards the extraction itself: if it silently found nothing, every check below would pass.
    subcommands = {" ".join(argv[:2]) if argv[0] == "report" else argv[0] for _, argv in COMMANDS}
    assert {
        "validate",
        "export",
        "check",
        "fmt",
        "report shards",
        "report merge",
        "report summary",
        "report annotations",
        "report decide",
        "report issue-body",
    } <= subcommands
    assert any("--changed-since" in argv for _, argv in COMMANDS)
    assert any(f.endswith("action.yml") for f, _ in COMMANDS)
    assert any(f.endswith(".pre-commit-hooks.yaml") for f, _ in COMMANDS)


@pytest.mark.parametrize(
    ("where", "argv"),
    COMMANDS,
    ids=[f"{w}: catalog {' '.join(a)}".replace(DYNAMIC, "$X") for w, a in COMMANDS],
)
def test_the_cli_accepts_the_command(
    where: str, argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # paths such as README.md are relative to the repository
    problem = parse(argv)
    assert problem is None, f"{where}: catalog {shlex.join(argv)}: {problem}"


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("catalog validate --format github", [["catalog", "validate", "--format", "github"]]),
        (
            'catalog check \\\n  --shard "${SHARD}/${{ env.N }}" >> "$GITHUB_OUTPUT"',
            [["catalog", "check", "--shard", DYNAMIC]],
        ),
        (
            "echo hi; catalog a || status=$?\ncatalog b && x | catalog c 2>&1",
            [
                ["echo", "hi"],
                ["catalog", "a"],
                [DYNAMIC],
                ["catalog", "b"],
                ["x"],
                ["catalog", "c"],
            ],
        ),
        (
            "catalog report merge reports/*.json > out.json",
            [["catalog", "report", "merge", "reports/*.json"]],
        ),
    ],
)
def test_scripts_are_split_like_a_shell_does(script: str, expected: list[list[str]]) -> None:
    assert list(commands(script)) == expected


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["nope"], "no such command 'catalog nope'"),
        (["report"], "'catalog report' needs a subcommand"),
        (["report", "merge", "a.json", "--bogus"], "No such option: --bogus"),
        (["validate", "--format", "githb"], "'githb' is not one of"),
        (["report", "decide"], "Missing argument 'REPORT'"),
        (["report", "shards", DYNAMIC, "--format", DYNAMIC], None),
        (["report", "merge", DYNAMIC, "--expect", DYNAMIC, "-o", "m.json"], None),
    ],
)
def test_parse_catches_what_it_should(argv: list[str], problem: str | None) -> None:
    found = parse(argv)
    if problem is None:
        assert found is None
    else:
        assert found is not None
        assert problem in found
