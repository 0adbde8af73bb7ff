"""The ``rightsplan`` console command: the reference implementation's commands plus the checker's.

The checker's commands live here, in the layer that may import the solvers, and join the
group defined in ``rightsplan.spec.cli``; the solvers load only when one of them runs.
"""

from __future__ import annotations

import sys

import click

from rightsplan.spec.cli import cli

PASS_THROUGH = {"ignore_unknown_options": True, "help_option_names": []}


@cli.command("verify", context_settings=PASS_THROUGH)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def verify_cmd(args: tuple[str, ...]) -> None:
    """Prove or refute every property of the catalogue (--depth, --property, --jobs; --help for all)."""
    from rightsplan.proofs.verify import main as verify_main

    sys.exit(verify_main(list(args)))


@cli.command("identities")
def identities_cmd() -> None:
    """Prove the SymPy identities of the price provisions (Sections 11, 13, Exhibit A)."""
    from rightsplan.proofs.identities import main as identities_main

    sys.exit(identities_main())


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
