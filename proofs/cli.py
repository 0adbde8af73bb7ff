"""The ``rightsplan`` console command: the reference implementation's commands plus the checker's.

The checker's commands live here, in the layer that may import the solvers, and join the
group defined in ``rightsplan.spec.cli``.
"""

from __future__ import annotations

from rightsplan.spec.cli import cli


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
