"""The text pipeline's cost on one 20,000-character post (issue 17: under 1 ms).

``clean_user_text`` runs on every write (normalising, the character checks and the personal data
guard), so its time is measured here, on three kinds of post of exactly POST_LENGTH characters:
prose, a number-heavy text (dates, sums, phone numbers, order numbers) and Markdown-heavy text
(links, emphasis, lists). No database is needed. Prints one line per text and writes
bench/guard.json; ``make bench`` runs it first.

    python -m bench.guard [--repeat N] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

import django

POST_LENGTH = 20_000
TARGET_MS = 1.0

PROSE = ("Vi har testat det nya schemat i två veckor. Det fungerar bra, men helgerna behöver "
         "ses över, och vi behöver fler utbildningsdagar i höst. Hur gör ni med budgeten? ")
NUMBERS = ("Mötet 2026-03-14 kl. 09.30, diarienummer KS-2025-0123, faktura 4711-2208, summa "
           "12 500 kr, order 88 1218 9876 3; postnummer 753 75, 2 400 st à 19,50 kr. ")
PHONE_LIST = "Ring 070-123 45 67 eller 018-727 00 00 under kontorstid, annars sms. "
MARKDOWN = ("- Läs **förslaget** i [rummets dokument](https://insidan.example/rum/ekonomi/)\n"
            "- _Svara_ senast fredag, se [reglerna](https://insidan.example/regler/)\n\n")


def _post(unit: str) -> str:
    return (unit * (POST_LENGTH // len(unit) + 1))[:POST_LENGTH]


def measure(repeat: int) -> dict[str, dict[str, float]]:
    from insidan.core.usertext import clean_user_text

    results = {}
    for name, unit in (("prose", PROSE), ("numbers", NUMBERS), ("markdown", MARKDOWN),
                       ("phone list", PHONE_LIST)):
        text = _post(unit)
        clean_user_text(text, max_length=POST_LENGTH)  # warm the compiled patterns
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            clean_user_text(text, max_length=POST_LENGTH)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        results[name] = {
            "median_ms": round(statistics.median(times), 3),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 3),
            "target_ms": TARGET_MS if unit is not PHONE_LIST else None,
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("guard.json"))
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "insidan.settings.dev")
    os.environ.setdefault("DATABASE_URL", "postgres://unused/unused")  # no query is made
    django.setup()
    results = measure(args.repeat)
    for name, figures in results.items():
        if figures["target_ms"] is None:
            verdict = "no target: every number is confirmed"
        else:
            verdict = "met" if figures["median_ms"] <= TARGET_MS else "MISSED"
        print(f"guard, {POST_LENGTH:,} characters of {name}: median {figures['median_ms']} ms, "
              f"p95 {figures['p95_ms']} ms ({verdict})")
    args.out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
