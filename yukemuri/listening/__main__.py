"""`python -m yukemuri.listening …`: see cli.py."""

from .cli import main

raise SystemExit(main())
