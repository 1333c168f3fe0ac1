#!/usr/bin/env python3
"""scikit-learn's KMeans on a feature matrix written by `benches/analytics.rs`.

Usage: bench_sklearn.py FEATURES.csv K N_INIT REPEATS

Runs inside a virtual environment (target/bench-venv, or $KITH_BENCH_VENV) that is created and
given numpy and scikit-learn from PyPI only when missing. Times
KMeans(n_clusters=K, n_init=N_INIT, random_state=0).fit(X), best of REPEATS, and prints one JSON
line: {"seconds": …, "inertia": …, "version": …}.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("KITH_BENCH_VENV", ROOT / "target" / "bench-venv"))


def ensure_venv() -> None:
    """Re-runs this script inside the venv, creating it and installing packages if missing."""
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    py = VENV / "bin" / "python"
    if not py.exists():
        print(f"bench: creating a virtual environment in {VENV}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    if subprocess.run([str(py), "-c", "import numpy, sklearn"], capture_output=True).returncode:
        print("bench: installing numpy and scikit-learn", file=sys.stderr)
        subprocess.run(
            [str(py), "-m", "pip", "install", "--quiet", "numpy", "scikit-learn"], check=True
        )
    os.execv(str(py), [str(py), str(Path(__file__).resolve()), *sys.argv[1:]])


def main() -> int:
    csv, k, n_init, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    ensure_venv()
    import numpy as np
    import sklearn
    from sklearn.cluster import KMeans

    x = np.loadtxt(csv, delimiter=",", skiprows=1)
    best, inertia = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        km = KMeans(n_clusters=k, n_init=n_init, random_state=0).fit(x)
        best = min(best, time.perf_counter() - start)
        inertia = float(km.inertia_)
    print(json.dumps({"seconds": best, "inertia": inertia, "version": sklearn.__version__}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
