"""Command line of the broad-listening engine (広聴): opinion groups from pol.is openData, topics of free text.

    python -m yukemuri.listening cluster --votes votes.csv [--comments comments.csv] --out groups.json
    python -m yukemuri.listening topics --comments comments.csv --text-column comment-body --out topics.json
    python -m yukemuri.listening topics … --word-vectors none   # TF-IDF + LSA alone (default: ja_ginza's word vectors
                                                                #   beside them, for Japanese)

A file that cannot be read gives one line on stderr and exit status 2. `--out -` writes to stdout.
"""

import argparse
import json
import sys
from pathlib import Path

from yukemuri.core.cli import bounded_int

from .analysis import VoteError, analyse, topics
from .analysis.clusters import MAX_RESTARTS
from .analysis.polis_io import PolisDataError, moderated_out, read_comments, read_votes
from .analysis.word_vectors import WordVectorsUnavailable
from .analysis.word_vectors import load as load_word_vectors

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own errors also exit 2, in one line (--help shows the usage)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {' '.join(message.split())}\n")


MAX_MIN_VOTES = 100_000
MAX_SEED = 2**32 - 1


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m yukemuri.listening", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    cluster = commands.add_parser("cluster", help="opinion groups, representative and consensus statements")
    cluster.add_argument("--votes", required=True, type=Path, help="pol.is votes.csv (comment-id, voter-id, vote)")
    cluster.add_argument("--comments", type=Path, help="pol.is comments.csv; comments with moderated = -1 are left out")
    cluster.add_argument("--out", required=True, help="the JSON file to write, or - for stdout")
    cluster.add_argument("--min-votes", type=bounded_int(0, MAX_MIN_VOTES), default=7,
                         help="votes a participant needs to be placed on the map (7)")
    cluster.add_argument("--restarts", type=bounded_int(0, MAX_RESTARTS), default=0,
                         help=f"k-means++ starts to try beside pol.is's own, at most {MAX_RESTARTS}; the lowest sum of "
                              "squares wins (0: as pol.is)")
    cluster.add_argument("--seed", type=bounded_int(0, MAX_SEED), default=0)

    text = commands.add_parser("topics", help="topics and sub-topics of free-text comments")
    text.add_argument("--comments", required=True, type=Path, help="a CSV file with one comment per row")
    text.add_argument("--text-column", default="comment-body")
    text.add_argument("--id-column", default="comment-id", help="ids of the comments (row numbers when absent)")
    text.add_argument("--language", default="ja", help='"ja" (SudachiPy) or another code (whitespace); "en" drops stop words')
    text.add_argument("--include-moderated", action="store_true", help="keep comments with moderated = -1")
    text.add_argument("--out", required=True, help="the JSON file to write, or - for stdout")
    text.add_argument("--seed", type=bounded_int(0, MAX_SEED), default=0)
    text.add_argument("--word-vectors", choices=("ja_ginza", "none"), default="ja_ginza",
                      help="also cluster with the word vectors of this package (Japanese only; default ja_ginza), "
                           "or none: TF-IDF + LSA alone")
    return parser


def cluster_result(analysis) -> dict:
    """The groups.json document for an `Analysis`."""
    return {
        "k": analysis.k,
        "participants": {str(participant): group for participant, group in analysis.groups.items()},
        "consensus": [str(c.statement) for c in analysis.consensus if c.direction == "agree"],
        "consensus_disagree": [str(c.statement) for c in analysis.consensus if c.direction == "disagree"],
        "repness": {
            str(group): [{"comment": str(r.statement), "agree": round(r.agree, 4), "disagree": round(r.disagree, 4),
                          "direction": r.direction, "repness": round(r.repness, 4),
                          "repness_test": round(r.repness_test, 4)} for r in statements]
            for group, statements in analysis.repness.items()
        },
    }


def _topic(topic, ids) -> dict:
    document = {
        "id": topic.id,
        "label": topic.label,
        "terms": list(topic.terms),
        "size": len(topic.members),
        "central": [ids[i] for i in topic.central],
        "comments": [ids[i] for i in topic.members],
    }
    if topic.subtopics:
        document["subtopics"] = [_topic(sub, ids) for sub in topic.subtopics]
    return document


def topics_result(result, ids) -> dict:
    """The topics.json document for `Topics`; `ids` maps text positions to comment ids."""
    return {
        "k": result.k,
        "topics": [_topic(topic, ids) for topic in result.topics],
        "unassigned": [ids[i] for i in result.unassigned],
        # Near-identical comments, each group counted as one opinion in the topics; largest first.
        "near_duplicates": [{"comments": [ids[i] for i in group.members], "count": group.count}
                            for group in getattr(result, "near_duplicates", ())],
    }


def _write(document: dict, out: str) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    if out == "-":
        sys.stdout.write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")


def _run(args) -> dict:
    if args.command == "cluster":
        votes = read_votes(args.votes)
        excluded = moderated_out(read_comments(args.comments)) if args.comments else set()
        return cluster_result(analyse(votes, min_votes=args.min_votes, moderated_out=excluded, seed=args.seed,
                                      restarts=args.restarts))
    comments = read_comments(args.comments, text_column=args.text_column, id_column=args.id_column)
    if not args.include_moderated:
        comments = [c for c in comments if c.moderated != -1]
    options = {}
    if args.word_vectors != "none" and args.language == "ja":  # the shipped vectors are of Japanese words
        options["word_vectors"] = load_word_vectors(args.word_vectors)
    result = topics([c.text for c in comments], language=args.language, seed=args.seed, **options)
    return topics_result(result, [str(c.id) for c in comments])


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        _write(_run(args), args.out)
    except (PolisDataError, VoteError, WordVectorsUnavailable) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"error: {error.filename or ''}: {error.strerror or error}".replace(": : ", ": "), file=sys.stderr)
        return EXIT_BAD_INPUT
    except UnicodeError as error:  # e.g. an id with a lone surrogate, written to a UTF-8 stream
        print(f"error: cannot write the result as UTF-8: {error.reason}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except MemoryError:
        print("error: not enough memory for this conversation", file=sys.stderr)
        return EXIT_FAILED
    return 0
