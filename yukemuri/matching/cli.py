"""Command line of the matching engine (docs/matching.md):

    python -m yukemuri.matching solve INSTANCE.json [--out RESULT.json] [--k K] [--seed N] [--scale S]
                                                    [--pool-limit N|all] [--timings] [--pretty]

Exit status: 0 solved; 2 the instance (or the command line, or a file) is not usable, with one line on
stderr saying why; 1 the solver failed unexpectedly (also one line). Never a traceback.
"""

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from yukemuri.core.cli import bounded_int

from .engine.instance import MAX_K, MAX_POOL_LIMIT, MAX_SCALE, MAX_SEED, loads, solve
from .engine.model import InstanceError

EXIT_INVALID = 2
EXIT_FAILED = 1


def _pool_limit(text: str):
    if text == "all":
        return None
    try:
        return bounded_int(1, MAX_POOL_LIMIT)(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"expected an integer from 1 to {MAX_POOL_LIMIT:,} or 'all', got {text[:40]!r}")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line on stderr, exit 2, as for a bad instance
        self.exit(EXIT_INVALID, f"error: {' '.join(message.split())}\n")


def parser() -> argparse.ArgumentParser:
    top = _Parser(prog="python -m yukemuri.matching", description="The yukemuri matching engine (docs/matching.md).")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    cmd = commands.add_parser("solve", help="solve an instance (scored edges or profiles) and write the result as JSON")
    cmd.add_argument("instance", metavar="INSTANCE.json", help="the instance; '-' reads standard input")
    cmd.add_argument("--out", metavar="RESULT.json", help="where to write the result (default: standard output)")
    cmd.add_argument("--k", type=bounded_int(1, MAX_K),
                     help="candidates per opening (profiles; default: the instance's, else 20)")
    cmd.add_argument("--seed", type=bounded_int(0, MAX_SEED),
                     help="seed of the tie-breaking order (default: the instance's, else 0)")
    cmd.add_argument("--scale", type=bounded_int(1, MAX_SCALE), help="scores are rounded to 1/scale for the flow (default 1000)")
    cmd.add_argument("--pool-limit", type=_pool_limit, default=argparse.SUPPRESS,
                     help="people read per opening before scoring, or 'all' (profiles; default 2000)")
    cmd.add_argument("--timings", action="store_true", help="add the engine's timings to the result's stats")
    cmd.add_argument("--pretty", action="store_true", help="indent the result")
    return top


def _fail(code: int, message: str) -> int:
    print(f"error: {' '.join(str(message).split())}", file=sys.stderr)
    return code


def _write(path: str | None, text: str):
    if path is None:
        sys.stdout.write(text)
        return
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent if str(target.parent) else ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    source = "standard input" if args.instance == "-" else args.instance
    try:
        raw = sys.stdin.buffer.read() if args.instance == "-" else Path(args.instance).read_bytes()
    except OSError as e:
        return _fail(EXIT_INVALID, f"cannot read {source}: {e.strerror or e}")
    try:
        data = loads(raw)
        result = solve(data, k=args.k, seed=args.seed, scale=args.scale, timings=args.timings,
                       pool_limit=getattr(args, "pool_limit", "instance"))
    except InstanceError as e:
        return _fail(EXIT_INVALID, f"{source}: {e}")
    except (RuntimeError, MemoryError) as e:
        return _fail(EXIT_FAILED, f"{source}: the solver failed: {e}")
    text = json.dumps(result, ensure_ascii=False, allow_nan=False, indent=2 if args.pretty else None) + "\n"
    try:
        _write(args.out, text)
    except UnicodeError as e:  # loads refuses lone surrogates; this is the last guard against a traceback
        return _fail(EXIT_INVALID, f"cannot write the result as UTF-8: {e.reason}")
    except OSError as e:
        return _fail(EXIT_INVALID, f"cannot write {args.out}: {e.strerror or e}")
    return 0
