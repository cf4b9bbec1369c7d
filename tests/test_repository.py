"""The repository names no path of the machine it was written on, and no data folder outside itself: a test or a
document that reads such a path works on one machine only (and a test would skip, or fail, everywhere else)."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Built from pieces so that this file does not match itself.
MACHINE_PATH = re.compile("|".join([r"(?<![\w.])/" + "work/", r"(?<![\w.])/" + "home/\\w", r"(?<![\w.])/" + "Users/\\w",
                                    r"(?<![\w.])/" + "root/", "shared/" + "data"]))
# A scratch path under /tmp is one machine's too: documents name none, and code asks tempfile for the directory.
TEMP_PATH = re.compile(r"(?<![\w.])/" + "tmp/")
SKIPPED_DIRS = {".git", ".venv", "var", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis",
                "staticfiles", "test-artifacts"}


def _repository_files() -> list[Path]:
    """Tracked files and new ones not ignored (git), else every file outside the usual build folders."""
    try:
        listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                                capture_output=True, check=True, timeout=60).stdout.decode().split("\0")
        return [ROOT / name for name in listed if name and (ROOT / name).is_file()]
    except (OSError, subprocess.SubprocessError):
        return [p for p in ROOT.rglob("*") if p.is_file() and not SKIPPED_DIRS & set(p.relative_to(ROOT).parts)]


def test_no_machine_paths_in_the_repository():
    files = _repository_files()
    assert len(files) > 100  # the listing worked
    found = []
    for path in files:
        data = path.read_bytes()
        if b"\0" in data[:8192] or path.suffix in {".mo", ".png", ".jpg", ".ico", ".woff2", ".gz", ".zip"}:
            continue  # binary
        for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
            if MACHINE_PATH.search(line) or TEMP_PATH.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:120]}")
    assert not found, "paths of one machine (ship the data in the repository instead):\n" + "\n".join(found)


def test_readme_claims_only_the_region_data_the_repository_has():
    """The README once credited municipality boundaries (N03) that the repository never had."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    data = ROOT / "yukemuri" / "regions" / "data"
    boundaries = [p for p in data.rglob("*") if p.suffix in {".geojson", ".shp", ".topojson"}]
    claims_boundaries = "N03" in readme or re.search(r"boundaries (and|from|:)", readme, re.IGNORECASE) is not None
    assert claims_boundaries == bool(boundaries), (claims_boundaries, boundaries)
    assert (data / "gunma" / "municipalities.csv").is_file()
