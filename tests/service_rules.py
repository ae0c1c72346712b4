"""Rules the service tests inject into a server's check processes (`Settings.extra_rules`): the
processes are spawned, so a test reaches them only through an import path and what it sends."""

from __future__ import annotations

import os
import time
from pathlib import Path

from verify.rules import Rule

STUCK = "STUCK-CHECK"  # a text holding this never finishes checking


class NeverFinishes(Rule):
    """On a text holding STUCK followed by a path, writes its process id to that path and then spins
    for ever, as a check caught in catastrophic backtracking would."""

    code, name, severity, summary = "X901", "never-finishes", "info", "test hook: a check that never ends"

    def check(self, ctx):
        if STUCK in ctx.doc.text:
            Path(ctx.doc.text.split(STUCK, 1)[1].split()[0]).write_text(str(os.getpid()))
            while True:
                pass
        return ()


class HeldStart(Rule):
    """Holds the check process's start-up until the file named by VERIFY_TEST_START_GATE exists."""

    code, name, severity, summary = "X902", "held-start", "info", "test hook: a slow start-up"

    def __init__(self) -> None:
        gate = Path(os.environ["VERIFY_TEST_START_GATE"])
        while not gate.exists():
            time.sleep(0.05)

    def check(self, ctx):
        return ()
