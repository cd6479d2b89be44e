def seed_ozg(*, stdout) -> None:
    pass
