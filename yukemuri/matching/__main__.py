"""python -m yukemuri.matching solve INSTANCE.json --out RESULT.json (see cli.py and docs/matching.md)."""

from .cli import main

raise SystemExit(main())
