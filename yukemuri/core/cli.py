"""What the command-line tools share; imports no Django, so the engines' CLIs stay usable on their own."""

import argparse


def bounded_int(low: int, high: int):
    """An argparse type: a whole number in [low, high]. Every option is bounded so that no value reaches an
    engine that it would choke on (`--restarts 100000000` once asked k-means for 20 GB), and a 5,000-digit
    number is refused before int() is even asked."""

    def parse(text: str) -> int:
        try:
            value = int(text) if len(text) <= 20 else None
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected a whole number from {low} to {high:,}, not {text[:40]!r}")
        return value

    return parse
