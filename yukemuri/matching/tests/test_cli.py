"""`python -m yukemuri.matching solve`: both instance forms, the result file, and one clear line (exit 2) for
every instance it cannot use. No database."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from yukemuri.matching.cli import main

ROOT = Path(__file__).resolve().parents[3]

EDGES = {
    "people": [{"id": "a", "capacity": 1}, {"id": "b", "capacity": 2}],
    "openings": [{"id": "x", "count": 1}, {"id": "y", "count": 2}],
    "edges": [{"person": "a", "opening": "x", "score": 0.9}, {"person": "a", "opening": "y", "score": 0.8},
              {"person": "b", "opening": "x", "score": 0.7}, {"person": "b", "opening": "y", "score": 0.1}],
}
PROFILES = {
    "fairness": {"newcomer_share": 0.5, "max_offers_per_person": 2},
    "people": [
        {"id": "u1", "capacity": 2, "skills": {"graphic-design": 3, "english": 2}, "sdgs": [11], "themes": ["onsen"],
         "municipality": "104264", "travel_km": 30, "languages": ["ja", "en"], "availability": ["sat-am"]},
        {"id": "u2", "capacity": 1, "skills": {"graphic-design": 1}, "sdgs": [4], "lat": 36.389, "lon": 139.063,
         "travel_km": 10, "languages": ["ja"], "availability": ["sat-am"], "newcomer": True},
        {"id": "u3", "capacity": 1, "skills": ["event-planning"], "online_only": True, "languages": ["ja"]},
    ],
    "openings": [
        {"id": "idea-7/role-1", "kind": "role", "required_skills": {"graphic-design": 1}, "preferred_skills": {"english": 2},
         "sdgs": [11], "themes": ["onsen"], "municipality": "104264", "languages": ["ja"], "availability": ["sat-am"]},
        {"id": "task-3", "kind": "volunteer", "count": 2, "preferred_skills": ["event-planning"], "online": True,
         "sdgs": [4], "availability": ["sat-am", "sat-pm"]},
    ],
}


def run(tmp_path, capsys, instance, *extra):
    path = tmp_path / "instance.json"
    path.write_text(instance if isinstance(instance, str) else json.dumps(instance), encoding="utf-8")
    code = main(["solve", str(path), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_scored_edges(tmp_path, capsys):
    code, out, err = run(tmp_path, capsys, EDGES)
    assert code == 0 and err == ""
    result = json.loads(out)
    assert result == {"assignments": [{"person": "a", "opening": "y", "score": 0.8},
                                      {"person": "b", "opening": "x", "score": 0.7},
                                      {"person": "b", "opening": "y", "score": 0.1}],
                      "objective": pytest.approx(1.6)}


def test_profiles_with_reasons_written_to_a_file(tmp_path, capsys):
    out_path = tmp_path / "result.json"
    code, out, err = run(tmp_path, capsys, PROFILES, "--out", str(out_path), "--seed", "3")
    assert code == 0 and out == "" and err == ""
    result = json.loads(out_path.read_text(encoding="utf-8"))
    pairs = [(a["person"], a["opening"]) for a in result["assignments"]]
    assert pairs == [("u1", "idea-7/role-1"), ("u3", "task-3"), ("u2", "task-3")]
    for a in result["assignments"]:
        values = [c["value"] for c in a["why"]]
        assert values == sorted(values, reverse=True) and len(values) == 5
        assert sum(c["value"] for c in a["why"]) == pytest.approx(a["score"], abs=1e-12)
        assert {"key", "value", "fit", "details"} == set(a["why"][0])
    assert result["stats"]["newcomer_suggestions"] == 1 == result["stats"]["newcomer_floor"]
    assert result["objective"] == pytest.approx(sum(a["score"] for a in result["assignments"]))
    code, _, _ = run(tmp_path, capsys, PROFILES, "--out", str(tmp_path / "again.json"), "--seed", "3")
    assert (tmp_path / "again.json").read_bytes() == out_path.read_bytes()


def test_timings_only_when_asked(tmp_path, capsys):
    _, out, _ = run(tmp_path, capsys, PROFILES, "--timings", "--pool-limit", "all", "--k", "3")
    assert set(json.loads(out)["stats"]["timings"]) >= {"candidates", "scoring", "solve", "total"}


@pytest.mark.parametrize("instance, message", [
    ("{not json", "malformed JSON"),
    ("", "malformed JSON"),
    ("[1, 2]", "must be a JSON object"),
    ('{"people": [], "openings": [], "edges": [{"person": 1, "opening": 2, "score": NaN}]}', "NaN"),
    ('{"people": [], "openings": [], "edges": [{"person": 1, "opening": 2, "score": -Infinity}]}', "-Infinity"),
    ({**EDGES, "edges": [{"person": "zed", "opening": "x", "score": 1}]}, "edges[0].person: unknown person 'zed'"),
    ({**EDGES, "edges": [{"person": "a", "opening": "q", "score": 1}]}, "edges[0].opening: unknown opening 'q'"),
    ({**EDGES, "edges": [{"person": "a", "opening": "x", "score": "high"}]}, "edges[0].score must be a number"),
    ('{"people": [{"id": "a", "capacity": 1}], "openings": [{"id": "x", "count": 1}], '
     '"edges": [{"person": "a", "opening": "x", "score": 1e999}]}', "edges[0].score must be finite"),
    ({**EDGES, "edges": EDGES["edges"] + [EDGES["edges"][0]]}, "a second edge"),
    ({**EDGES, "people": [{"id": "a", "capacity": -1}]}, "people[0].capacity must be between 0"),
    ({**EDGES, "people": [{"id": "a", "capacity": "2"}]}, "people[0].capacity must be an integer"),
    ({**EDGES, "people": [{"id": "a", "capacity": True}]}, "people[0].capacity must be an integer"),
    ({**EDGES, "people": [{"id": "a", "capacity": 1.0}]}, "people[0].capacity must be an integer"),
    ({**EDGES, "people": [{"id": "a", "capacity": 1}, {"id": "a", "capacity": 1}]}, "people[1]: duplicate id 'a'"),
    ({**EDGES, "people": [{"id": ["a"], "capacity": 1}]}, "people[0].id must be a string or an integer"),
    ({**EDGES, "openings": [{"id": "x"}]}, "openings[0]: missing 'count'"),
    ({**EDGES, "edges": {"a": 1}}, "'edges' must be a list"),
    ({"people": [], "openings": []}, None),  # an empty profile instance is fine
    ({**PROFILES, "people": [{"id": "u", "municipality": "999999"}]}, "unknown municipality code '999999'"),
    ({**PROFILES, "people": [{"id": "u", "availability": ["someday"]}]}, "unknown time slot 'someday'"),
    ({**PROFILES, "people": [{"id": "u", "skills": {"design": 5}}]}, "level of 'design' must be 1, 2 or 3"),
    ({**PROFILES, "people": [{"id": "u", "capacity": -2}]}, "capacity must be between 0"),
    ({**PROFILES, "people": [{"id": "u", "nickname": "x"}]}, "people[0]: unknown field 'nickname'"),
    ({**PROFILES, "weights": {"skills": "lots"}}, "weights.skills must be a number"),
    ({**PROFILES, "weights": {"skills": -1}}, "weights.skills must not be negative"),
    ({**PROFILES, "fairness": {"newcomer_share": 2}}, "newcomer_share must be between 0 and 1"),
    ({**PROFILES, "k": 0}, "k must be between 1"),
    ({**PROFILES, "wights": {}}, "unknown field 'wights'"),
])
def test_invalid_instances_get_one_line_and_exit_2(tmp_path, capsys, instance, message):
    code, out, err = run(tmp_path, capsys, instance)
    if message is None:
        assert code == 0 and json.loads(out)["assignments"] == []
        return
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err
    assert message in err


def test_missing_file_and_bad_options(tmp_path, capsys):
    assert main(["solve", str(tmp_path / "nowhere.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
    path = tmp_path / "i.json"
    path.write_text(json.dumps(EDGES), encoding="utf-8")
    assert main(["solve", str(path), "--out", str(tmp_path / "no" / "such" / "dir.json")]) == 2
    assert "cannot write" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["solve", str(path), "--k", "many"])
    assert exit_.value.code == 2 and "--k" in capsys.readouterr().err
    path.write_bytes(b"\xff\xfe{}")
    assert main(["solve", str(path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_python_dash_m_end_to_end(tmp_path):
    """The real command, twice with different string hashing: the same bytes (nothing depends on set order)."""
    good = tmp_path / "good.json"
    good.write_text(json.dumps(PROFILES), encoding="utf-8")
    outputs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"out-{hash_seed}.json"
        done = subprocess.run([sys.executable, "-m", "yukemuri.matching", "solve", str(good), "--out", str(out)],
                              cwd=ROOT, capture_output=True, text=True, check=False,
                              env={**os.environ, "PYTHONHASHSEED": hash_seed})
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[0])["assignments"]) == 3
    bad = subprocess.run([sys.executable, "-m", "yukemuri.matching", "solve", "-"], input='{"people": [], "openings": [], '
                         '"edges": [{"person": "a", "opening": "b", "score": NaN}]}', cwd=ROOT, capture_output=True,
                         text=True, check=False)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.startswith("error: standard input:") and bad.stderr.count("\n") == 1


@pytest.mark.parametrize("option, value", [
    ("--k", "0"), ("--k", "100001"), ("--k", "9" * 5000), ("--seed", "-1"), ("--seed", "9" * 5000),
    ("--scale", "0"), ("--scale", "1000000001"), ("--pool-limit", "0"), ("--pool-limit", "10000001"),
    ("--pool-limit", "9" * 5000),
])
def test_every_option_is_bounded_one_line_exit_2(tmp_path, capsys, option, value):
    path = tmp_path / "i.json"
    path.write_text(json.dumps(PROFILES), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["solve", str(path), option, value])
    out, err = capsys.readouterr()
    assert exit_.value.code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: argument " + option) and len(err) < 200


def _solve_command(tmp_path, text: str, *extra):
    path = tmp_path / "instance.json"
    path.write_text(text, encoding="ascii")
    return subprocess.run([sys.executable, "-m", "yukemuri.matching", "solve", str(path), *extra], cwd=ROOT,
                          capture_output=True, text=True, check=False, timeout=60)


def test_a_5000_digit_capacity_is_one_line_not_a_traceback(tmp_path):
    done = _solve_command(tmp_path, '{"people": [{"id": "a", "capacity": ' + "9" * 5000 + '}], '
                          '"openings": [{"id": "x", "count": 1}], "edges": []}')
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "more than 4,300 digits" in done.stderr


@pytest.mark.parametrize("escape", ["\\udc80", "\\ud83d", "\\udc80\\ud83d"])
def test_a_lone_surrogate_in_an_id_is_one_line_not_a_traceback(tmp_path, escape):
    text = ('{"people": [{"id": "pESC", "capacity": 1}], "openings": [{"id": "x", "count": 1}], '
            '"edges": [{"person": "pESC", "opening": "x", "score": 1}]}').replace("ESC", escape)
    for extra in ((), ("--out", str(tmp_path / "result.json"))):
        done = _solve_command(tmp_path, text, *extra)
        assert done.returncode == 2 and done.stdout == "", done.stderr
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert "instance.people[0].id: a string holds a lone surrogate" in done.stderr
    # A real pair (an emoji written as two escapes) is text, and fine.
    done = _solve_command(tmp_path, text.replace(escape, "\\ud83d\\ude00"))
    assert done.returncode == 0 and json.loads(done.stdout)["assignments"][0]["person"] == "p\U0001F600"
