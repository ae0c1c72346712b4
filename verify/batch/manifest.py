"""The settings an audit started with, kept beside its tables in `audit.json`, so that `--resume`
goes on under them. Documents already done are not checked again: going on with other inputs, rules,
dates or reading options would leave tables that mix two audits, so a resume that differs is refused
with what differs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from verify.batch.inputs import InputOptions
from verify.batch.worker import Settings
from verify.output import write_atomic

FILE = "audit.json"


def describe(inputs: tuple[str, ...], reading: InputOptions, settings: Settings) -> dict[str, object]:
    """What decides a document's id and rows, as JSON values. The day given to undated documents by
    `date-from = "today"` is kept apart (`undated`): it is the day the audit started, not a setting."""
    described = {
        "inputs": [str(Path(path).resolve()) for path in inputs],
        "globs": reading.globs,
        "include": reading.files.include,
        "exclude": reading.files.exclude,
        "columns": dataclasses.asdict(reading.columns),
        **dataclasses.asdict(settings),
        "undated": settings.undated is not None,  # date-from = "today" or not
    }
    return json.loads(json.dumps(described, default=str))  # tuples as lists, dates as text


def record(out_dir: Path, described: dict[str, object], settings: Settings) -> None:
    day = settings.undated.isoformat() if settings.undated else None
    write_atomic(out_dir / FILE, json.dumps({**described, "started_day": day}, indent=2) + "\n")


def recorded(out_dir: Path) -> dict[str, object] | None:
    """The settings recorded, or None for an audit begun before verify kept them."""
    path = out_dir / FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: cannot be read ({exc}); it records the settings of the audit") from None


def differences(then: dict[str, object], now: dict[str, object]) -> list[str]:
    """'KEY: THEN then, NOW now' for each setting that differs."""
    keys = sorted((then.keys() | now.keys()) - {"started_day"})
    return [f"{key}: {then.get(key)!r} then, {now.get(key)!r} now" for key in keys if then.get(key) != now.get(key)]


def resumed(settings: Settings, then: dict[str, object]) -> Settings:
    """`settings` with undated documents given the day the audit started, as its first run gave them."""
    day = then.get("started_day")
    return dataclasses.replace(settings, undated=dt.date.fromisoformat(day)) if settings.undated and day else settings
