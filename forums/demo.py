"""Demo forums for seed_demo."""

import random


def seed(*, rng: random.Random) -> None:
    return None
