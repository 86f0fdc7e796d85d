"""Declared distributions (stub until the dependencies family lands)."""


class Dependencies:
    def __init__(self):
        self.main = {}
        self.dev = {}


def load(project):
    return Dependencies()
