"""X's count, links and hashtags against both twitter-text references, on many generated posts.

The test suite runs a few hundred posts; this runs as many as asked (20,000 by default) with
the same generator and the same comparisons, and prints how many disagree and the first few.

    .venv/bin/python scripts/differential_x.py [COUNT] [--seed N]

Needs the test extras (python3 dev.py test installs them, and twitter-text from npm).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.unit.test_twitter_text_fidelity import (  # noqa: E402
    mismatch,
    mismatch_js,
    random_post,
    twitter_text_js,
    x_form,
)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    rnd = random.Random(args.seed)
    texts = [random_post(rnd) for _ in range(args.count)]
    started = time.perf_counter()
    python_port = [(t, m) for t in texts if (m := mismatch(t))]
    forms = [x_form(t) for t in texts]
    javascript = [(t, m) for t, ref in zip(forms, twitter_text_js(forms), strict=True) if (m := mismatch_js(t, ref))]
    print(f"{args.count} generated posts (seed {args.seed}), {time.perf_counter() - started:.1f} s")
    for name, found in (("twitter-text-parser (Python port): count, validity, links", python_port),
                        ("twitter-text 3.1.0 (JavaScript): hashtags, links, count", javascript)):
        print(f"  {name}: {len(found)} mismatches")
        for text, what in found[:5]:
            print(f"    {text!r:.120}  {what}")
    return 1 if python_port or javascript else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
