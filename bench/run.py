"""`make bench`: run every benchmark module in bench/ and print one line per figure.

Each module `bench/<name>.py` defines `run() -> list[str]`; every figure is a ratio measured in
the same run against a baseline on the same machine (never an absolute time to assert on).
See docs/benchmarks.md for the figures and how to read them.
"""

import importlib
import os
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lippe_ikz.settings.local")


def main() -> int:
    import django

    django.setup()
    names = sorted(
        m.name
        for m in pkgutil.iter_modules([str(ROOT / "bench")])
        if not m.name.startswith("_") and m.name != "run"
    )
    if not names:
        print("no benchmarks yet")
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        for line in module.run():
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
