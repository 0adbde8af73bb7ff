"""The ``rightsplan`` command line: evaluate a scenario, list the provisions and the reading switches.

Bad input prints one message naming the file, the place, the value and what was expected,
and exits with status 2; nothing is half-printed and no traceback is shown.  The checker's
commands (``verify``, ``identities``) are added to this group by ``rightsplan.proofs.cli``,
so this layer never imports the solvers.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from .errors import InternalError, ScenarioError, cut
from .evaluate import evaluate
from .expectations import all_as_expected, check_files, report_lines
from .explain import timeline
from .provisions import format_table, load_catalogue
from .scenario import load_scenario
from .vocabulary import READINGS

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


def reports_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the library's exceptions into one line on stderr and a non-zero exit."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ScenarioError as exc:
            # One line per problem: ScenarioErrors carries several, each already one line.
            for line in str(exc).splitlines():
                click.echo(f"error: {line}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except InternalError as exc:
            click.echo(f"internal error (a bug in rightsplan, please report it): {exc}", err=True)
            sys.exit(EXIT_INTERNAL)
        except Exception as exc:  # noqa: BLE001 - a bug still ends in one line, not a traceback
            click.echo(f"internal error (a bug in rightsplan, please report it): {type(exc).__name__}: "
                       f"{cut(str(exc))}", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper


@click.group()
def cli() -> None:
    """rightsplan: the DigitalThink 2003 Preferred Stock Rights Agreement, executable."""


def reading_overrides(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``--reading NAME=VALUE`` options as a dict, refused (ScenarioError) if a name or value is unknown."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise ScenarioError("--reading", "--reading", pair, "NAME=VALUE, e.g. good_friday=open")
        if name not in READINGS:
            raise ScenarioError("--reading", "--reading", name, "one of " + ", ".join(sorted(READINGS)))
        if value not in READINGS[name].choices:
            raise ScenarioError("--reading", f"--reading {name}", value, "one of " + ", ".join(READINGS[name].choices),
                                READINGS[name].section)
        out[name] = value
    return out


@cli.command("evaluate")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "md", "html", "json"]), default="text",
              help="text (default): the answers, then the timeline; md or html: the memo with the chart; "
              "json: the contract's output object.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--reading", "readings", multiple=True, metavar="NAME=VALUE",
              help="Set a reading switch (repeatable); overrides the scenario's interpretation:.")
@reports_errors
def evaluate_cmd(file: str, fmt: str, as_json: bool, readings: tuple[str, ...]) -> None:
    """Evaluate a scenario FILE and print the memo: the answers first (or --format md|html|json)."""
    from dataclasses import replace

    overrides = reading_overrides(readings)
    scenario = load_scenario(file)
    if overrides:
        scenario = replace(scenario, readings={**scenario.readings, **overrides})
    if scenario.expect is not None:
        click.echo(f"warning: {file}: its expect: block is not checked by evaluate; "
                   "run `rightsplan test FILE` to check it", err=True)
    fmt = "json" if as_json else fmt
    if fmt == "json":
        click.echo(json.dumps(evaluate(scenario).to_json(), indent=2))
        return
    from .memo import render

    result = evaluate(scenario, snapshots=True)
    text = render(result, fmt)
    if fmt == "text":
        text += "\nTIMELINE\n" + "\n".join(timeline(result))
    click.echo(text)


@cli.command("provisions")
@reports_errors
def provisions_cmd() -> None:
    """List every Section of the agreement: formalized, partly, or out of scope, and where."""
    click.echo(format_table(load_catalogue()))


@cli.command("readings")
def readings_cmd() -> None:
    """List the named reading switches, their defaults and the words that make them ambiguous."""
    for r in READINGS.values():
        click.echo(f"{r.name} (default {r.default}) [{r.section}]")
        click.echo(f'  words: "{r.words}"')
        for choice, meaning in r.meaning.items():
            click.echo(f"  {choice}: {meaning}")


EXIT_NOT_AS_EXPECTED = 1


@cli.command("test")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@reports_errors
def test_cmd(files: tuple[str, ...]) -> None:
    """Check each scenario FILE's expect: block against its evaluation, key by key.

    Exit status 0 when every file has an expect: block and every expected key is as
    expected; 1 when a key is not, or a file states no expect: block; 2 on bad input.
    """
    results = check_files(files)
    for line in report_lines(results):
        click.echo(line)
    if not all_as_expected(results):
        sys.exit(EXIT_NOT_AS_EXPECTED)


def main() -> None:
    cli()
