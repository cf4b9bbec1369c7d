"""`python -m yukemuri.listening`: a real pol.is conversation, and files that are not. No database."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from yukemuri.listening import cli

ROOT = Path(__file__).resolve().parents[3]
# Shipped with the tests (CC BY 4.0, The Computational Democracy Project: data/polis/NOTICE.md). A missing file
# fails the tests that read it; nothing is skipped.
POLIS = Path(__file__).resolve().parent / "data" / "polis"
SMALLEST = POLIS / "london.youth.policing"  # 26 voters, 640 votes


def run_module(*args):
    return subprocess.run([sys.executable, "-m", "yukemuri.listening", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_cluster_on_a_real_conversation(tmp_path):
    out = tmp_path / "groups.json"
    done = run_module("cluster", "--votes", str(SMALLEST / "votes.csv"), "--comments", str(SMALLEST / "comments.csv"),
                      "--out", str(out))
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert set(result) >= {"k", "participants", "consensus", "repness"}
    assert 2 <= result["k"] <= 5
    assert set(result["participants"].values()) == set(range(result["k"]))
    assert set(result["repness"]) == {str(g) for g in range(result["k"])}

    with open(SMALLEST / "votes.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with open(SMALLEST / "comments.csv", encoding="utf-8") as handle:
        moderated_out = {row["comment-id"] for row in csv.DictReader(handle) if row["moderated"] == "-1"}
    assert moderated_out  # this conversation has some
    latest = {}
    for row in sorted(rows, key=lambda row: int(row["timestamp"])):
        latest[(row["voter-id"], row["comment-id"])] = row["vote"]
    cast = {}
    for voter, _ in latest:
        cast[voter] = cast.get(voter, 0) + 1
    # As in pol.is, a vote on a statement moderated out later still counts towards the seven.
    assert set(result["participants"]) == {voter for voter, n in cast.items() if n >= 7}
    mentioned = set(result["consensus"]) | {r["comment"] for reps in result["repness"].values() for r in reps}
    assert mentioned and not mentioned & moderated_out
    for reps in result["repness"].values():
        for r in reps:
            assert 0 <= r["agree"] <= 1 and r["direction"] in ("agree", "disagree") and r["repness"] > 0


def test_cluster_without_comments_keeps_every_statement(capsys):
    assert cli.main(["cluster", "--votes", str(SMALLEST / "votes.csv"), "--out", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["k"] >= 2


def test_cluster_reproduces_the_groups_pol_is_itself_assigned(tmp_path):
    """canadian-electoral-reform: 22 of its 174 statements were moderated out. Zeroed as pol.is zeroes them, the
    groups are pol.is's own `group-id` (ARI 1); dropped instead, 0.84 (docs/benchmarks.md)."""
    from sklearn.metrics import adjusted_rand_score

    from yukemuri.listening.analysis.polis_io import read_groups

    folder = POLIS / "canadian-electoral-reform"
    out = tmp_path / "groups.json"
    assert cli.main(["cluster", "--votes", str(folder / "votes.csv"), "--comments", str(folder / "comments.csv"),
                     "--out", str(out)]) == 0
    ours = {int(p): g for p, g in json.loads(out.read_text(encoding="utf-8"))["participants"].items()}
    polis = read_groups(folder / "participants-votes.csv")
    common = sorted(set(ours) & set(polis))
    assert len(common) > 250
    assert adjusted_rand_score([ours[p] for p in common], [polis[p] for p in common]) == pytest.approx(1.0)


def test_restarts_and_min_votes_must_be_whole_numbers(tmp_path, capsys):
    votes = write(tmp_path / "votes.csv", "timestamp,comment-id,voter-id,vote\n1,2,3,1\n")
    for flag, value in (("--restarts", "-1"), ("--min-votes", "seven")):
        with pytest.raises(SystemExit) as exit_:
            cli.main(["cluster", "--votes", str(votes), "--out", "-", flag, value])
        assert exit_.value.code == 2
        assert f"argument {flag}: expected a whole number from 0 to" in capsys.readouterr().err


def write(path: Path, text: str, encoding="utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("content, message", [
    ("", "votes.csv: the file is empty"),
    ("timestamp,comment-id,voter-id\n1,2,3\n", "votes.csv: missing column vote"),
    ("timestamp,comment-id,voter-id,vote\n1,2,3,agree\n", "votes.csv line 2: vote must be an integer, not 'agree'"),
    ("timestamp,comment-id,voter-id,vote\n1,2,3,1\n1,2,4,7\n",
     "votes.csv line 3: vote must be 1 (agree), -1 (disagree) or 0 (pass), not 7"),
    ("timestamp,comment-id,voter-id,vote\nyesterday,2,3,1\n", "votes.csv line 2: timestamp must be a number"),
    ("timestamp,comment-id,voter-id,vote\n1,two,3,1\n", "votes.csv line 2: comment-id must be an integer"),
    ("timestamp,comment-id,voter-id,vote\n1,2\n", "votes.csv line 2: 2 fields where the header has 4"),
])
def test_malformed_votes_exit_2_with_one_line(tmp_path, capsys, content, message):
    votes = write(tmp_path / "votes.csv", content)
    assert cli.main(["cluster", "--votes", str(votes), "--out", str(tmp_path / "out.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {message}") and err.count("\n") == 1
    assert not (tmp_path / "out.json").exists()


def test_not_utf8_and_missing_files_exit_2(tmp_path, capsys):
    votes = write(tmp_path / "votes.csv", "timestamp,comment-id,voter-id,vote\n1,2,3,1\n# 投票\n", encoding="shift_jis")
    assert cli.main(["cluster", "--votes", str(votes), "--out", "-"]) == 2
    assert capsys.readouterr().err == "error: votes.csv: not UTF-8 text\n"
    assert cli.main(["cluster", "--votes", str(tmp_path / "nowhere.csv"), "--out", "-"]) == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_malformed_comments_exit_2(tmp_path, capsys):
    votes = write(tmp_path / "votes.csv", "timestamp,comment-id,voter-id,vote\n1,2,3,1\n")
    comments = write(tmp_path / "comments.csv", "comment-id,moderated,comment-body\n2,maybe,hello\n")
    assert cli.main(["cluster", "--votes", str(votes), "--comments", str(comments), "--out", "-"]) == 2
    assert capsys.readouterr().err == "error: comments.csv line 2: moderated must be an integer, not 'maybe'\n"


def test_the_module_reports_bad_input_without_a_traceback(tmp_path):
    votes = write(tmp_path / "votes.csv", "timestamp,comment-id,voter-id,vote\n1,2,3,9\n")
    done = run_module("cluster", "--votes", str(votes), "--out", str(tmp_path / "out.json"))
    assert done.returncode == 2
    assert done.stderr.strip().startswith("error: votes.csv line 2") and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_topics_command(tmp_path):
    from yukemuri.listening.tests.test_text import CHILD_CARE, VACANT_HOUSES

    path = tmp_path / "comments.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["comment-id", "moderated", "comment-body"])
        for number, body in enumerate(VACANT_HOUSES + CHILD_CARE):
            writer.writerow([100 + number, 1, body])
        writer.writerow([999, -1, "広告です。空き家を買いませんか"])
    out = tmp_path / "topics.json"
    assert cli.main(["topics", "--comments", str(path), "--text-column", "comment-body", "--out", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["k"] == 2
    assert {frozenset(t["comments"]) for t in result["topics"]} == {
        frozenset(str(100 + i) for i in range(8)), frozenset(str(100 + i) for i in range(8, 16))}
    assert all(t["label"] and t["terms"] and set(t["central"]) <= set(t["comments"]) for t in result["topics"])


def test_topics_needs_its_text_column(tmp_path, capsys):
    path = write(tmp_path / "comments.csv", "comment-id,text\n1,hello\n")
    assert cli.main(["topics", "--comments", str(path), "--out", "-"]) == 2
    assert capsys.readouterr().err.startswith("error: comments.csv: missing column comment-body")


@pytest.mark.parametrize("option, value", [
    ("--restarts", "100000000"), ("--restarts", "101"), ("--restarts", "-1"), ("--min-votes", "100001"),
    ("--min-votes", "9" * 5000), ("--seed", "-1"), ("--seed", str(2**32)), ("--seed", "x"),
])
def test_every_cluster_option_is_bounded(tmp_path, capsys, option, value):
    """`--restarts 100000000` once ran k-means into 20 GB and was killed; now argparse refuses it: exit 2."""
    votes = tmp_path / "votes.csv"
    votes.write_text("comment-id,voter-id,vote\n1,1,1\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        cli.main(["cluster", "--votes", str(votes), "--out", "-", option, value])
    out, err = capsys.readouterr()
    assert exit_.value.code == 2 and out == ""
    assert f"argument {option}: expected a whole number from" in err and err.count("\n") == 1 and len(err) < 200


def test_topics_seed_is_bounded(tmp_path, capsys):
    comments = tmp_path / "comments.csv"
    comments.write_text("comment-body\n空き家\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        cli.main(["topics", "--comments", str(comments), "--out", "-", "--seed", str(2**40)])
    assert exit_.value.code == 2 and "argument --seed" in capsys.readouterr().err


def test_the_engine_refuses_too_many_restarts_too():
    from yukemuri.listening.analysis import VoteError, analyse

    with pytest.raises(VoteError, match="restarts must be from 0 to 100"):
        analyse([(1, 1, 1), (2, 1, -1)], restarts=100_000_000)


@pytest.mark.parametrize("min_votes", ["7", "1"])
def test_voters_who_never_share_a_statement_give_a_result_not_an_arpack_traceback(tmp_path, min_votes):
    """5,000 voters, each voting once on a different statement: every centred vote is 0, and ARPACK (used beyond
    4,000 statements) stopped with "starting vector is zero". Now: no axis, one group (or nobody on the map)."""
    votes = tmp_path / "votes.csv"
    with open(votes, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["timestamp", "datetime", "comment-id", "voter-id", "vote"])
        writer.writerows([i, "", i, i, 1 if i % 2 else -1] for i in range(5000))
    out = tmp_path / "groups.json"
    done = run_module("cluster", "--votes", str(votes), "--min-votes", min_votes, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    if min_votes == "7":
        assert result["k"] == 0 and result["participants"] == {}
    else:
        assert result["k"] == 1 and len(result["participants"]) == 5000


def test_nearly_degenerate_matrices_beyond_the_dense_limit():
    """Two voters who differ on one statement among 5,000 single votes: one real axis; ARPACK's start may lie in
    the null space, and a random start or LOBPCG takes over."""
    from yukemuri.listening.analysis import analyse

    votes = [(i, i, 1, i) for i in range(5000)] + [(5000, 0, -1, 1)]
    analysis = analyse(votes, min_votes=1)
    assert analysis.k >= 1 and len(analysis.groups) == 5001
    assert analysis.explained_variance_ratio[0] == pytest.approx(1.0)
