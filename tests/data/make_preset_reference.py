"""Recompute tests/data/preset_reference.json with the current model on the current data.

Run only when a data change is meant to move the preset results, in a commit of its own whose
message says so and by how much the headline numbers moved:

    PYTHONPATH=. python3 tests/data/make_preset_reference.py

It keeps the variables and indicators already in the file (same names, same years 2020-2060).
"""

from __future__ import annotations

import json
from pathlib import Path

from pathways import model, scenario

FILE = Path(__file__).parent / "preset_reference.json"


def main() -> None:
    old = json.loads(FILE.read_text())
    new = {}
    for preset, ref in old.items():
        result = model.run(scenario.complete(preset=preset))
        n = len(next(iter(ref["variables"].values())))
        new[preset] = {
            "variables": {
                name: [float(x) for x in result[name][0][:n]] for name in ref["variables"]
            },
            "indicators": {name: float(result.indicators[name][0]) for name in ref["indicators"]},
        }
        for key in ("peak_year", "net_zero_year", "net_2060", "cumulative_2020_2060"):
            print(
                f"{preset:18} {key:22} {ref['indicators'][key]:10.1f} -> {new[preset]['indicators'][key]:10.1f}"
            )
    FILE.write_text(json.dumps(new))


if __name__ == "__main__":
    main()
