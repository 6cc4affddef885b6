"""Write tests/fixtures/agreement/irrcac_gwet.json: Gwet's AC1/AC2 from the irrCAC package on random data.

irrCAC (every release, 0.4.2-0.4.4) pins ``scipy==1.12.0`` and ``coverage<7``: installed next to the
project it downgrades NumPy below 2 and breaks numba (which pygamma-agreement needs), so it cannot
be a test dependency.  Run this script in a throwaway virtual environment instead::

    python3 -m venv /tmp/irr && /tmp/irr/bin/pip install irrcac==0.4.4
    /tmp/irr/bin/python scripts/make_irrcac_reference.py

It needs only irrCAC (and pandas, which irrCAC brings); the data sets are drawn from a seeded
``random.Random`` and stored with the values, so the test recomputes them with our functions.
"""

from __future__ import annotations

import json
import random
import sys
import warnings
from pathlib import Path

import irrCAC
import pandas as pd
from irrCAC.raw import CAC

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "agreement" / "irrcac_gwet.json"
WEIGHTS = ["identity", "linear", "quadratic", "ordinal", "radical", "ratio", "circular", "bipolar"]


def data_set(rng: random.Random) -> dict:
    numeric = rng.random() < 0.7
    q = rng.randint(2, 6)
    categories = list(range(1, q + 1)) if numeric else [f"c{i}" for i in range(1, q + 1)]
    coders, units = rng.randint(2, 6), rng.randint(4, 50)
    missing = rng.choice([0.0, 0.15, 0.35])
    rows = [[None if rng.random() < missing else rng.choice(categories) for _ in range(units)]
            for _ in range(coders)]
    for k, c in enumerate(categories):  # every category is used, so irrCAC and we count the same q
        rows[k % coders][k % units] = c
    return {"categories": categories, "data": rows}


def main() -> int:
    warnings.simplefilter("ignore")  # irrCAC 0.4.4 warns about pandas copies on every call
    rng = random.Random(20080201)
    cases = []
    for _ in range(40):
        case = data_set(rng)
        frame = pd.DataFrame({f"r{i}": row for i, row in enumerate(case["data"])})
        case["irrcac"] = {}
        for w in WEIGHTS:
            if w == "ratio" and not isinstance(case["categories"][0], int):
                continue  # irrCAC's ratio weights on ranks 1..q
            est = CAC(frame, weights=w, digits=15).gwet()["est"]
            case["irrcac"][w] = {"pa": est["pa"], "pe": est["pe"], "ac": est["coefficient_value"]}
        cases.append(case)
    version = getattr(irrCAC, "__version__", "0.4.4")
    head = json.dumps(f"irrCAC {version}: CAC(frame, weights=w, digits=15).gwet()['est']; "
                      "made by scripts/make_irrcac_reference.py", ensure_ascii=False)
    body = ",\n".join(json.dumps(case, ensure_ascii=False) for case in cases)
    OUT.write_text(f'{{"source": {head},\n "cases": [\n{body}\n]}}\n', encoding="utf-8")
    print(f"wrote {len(cases)} cases to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
