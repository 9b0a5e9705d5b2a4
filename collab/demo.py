"""Demo rooms for seed_demo (the rooms issue fills this in through collab's actions)."""

import random


def seed(*, rng: random.Random) -> None:
    return None
