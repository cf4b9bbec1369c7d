"""App-to-app import edges of yukemuri (docs/decisions/0010-layers.md): `python scripts/app_graph.py`.

Prints one line per app, the apps it imports (tests and migrations left out, as the layers contract does), then the
cycles (strongly connected groups of apps). Uses grimp, which import-linter installs.
"""

import sys
from collections import defaultdict
from pathlib import Path

import grimp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SKIP = (".tests", ".migrations")


def app_of(module):
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def edges(graph):
    found = defaultdict(set)
    for importer in graph.modules:
        if not importer.startswith("yukemuri.") or any(s in importer for s in SKIP):
            continue
        for imported in graph.find_modules_directly_imported_by(importer):
            a, b = app_of(importer), app_of(imported)
            if imported.startswith("yukemuri.") and a and b and a != b and not any(s in imported for s in SKIP):
                found[a].add(b)
    return found


def cycles(found):
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(found.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(found):
        if v not in index:
            visit(v)
    return out


def main():
    sys.setrecursionlimit(10000)
    graph = grimp.build_graph("yukemuri", cache_dir=None)
    found = edges(graph)
    for app in sorted(set(found) | {b for bs in found.values() for b in bs}):
        print(f"{app} -> {', '.join(sorted(found.get(app, ()))) or '(none)'}")
    for group in cycles(found):
        print(f"cycle ({len(group)} apps): {', '.join(group)}")


if __name__ == "__main__":
    main()
