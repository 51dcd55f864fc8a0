"""``build.json``: what a build published and when that changes next; whether the schedule has work.

Every build writes ``build.json`` at the site's root (the ``live`` hook): its
commit, its "now" and where that came from (:mod:`portal.clock`), and the next
moment a narrative or kit changes state (:mod:`portal.timeline`). The Pages
workflow's scheduled run fetches the live site's copy and asks :func:`due`
whether a rebuild with the real time would publish anything else; when not,
it exits before installing or building anything. This module needs the
standard library only, so that check runs on a bare runner::

    PYTHONPATH=scripts python3 -m portal.livestate --state live-build.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from portal import clock

BUILD_STATE = "build.json"


def state(commit: str, moment: clock.Moment, upcoming: dt.datetime | None) -> dict:
    """What ``build.json`` says: the commit, the gate's now and its source, the next change."""
    return {
        "commit": commit, "now": moment.now.isoformat(), "clock": moment.source,
        "next_change": upcoming.astimezone(clock.WIB).isoformat() if upcoming else None,
    }


def due(live: dict | None, now: dt.datetime) -> tuple[bool, str]:
    """Whether a scheduled run must rebuild the live site's commit with the real time, and why.

    Nothing is due while the live build is a live one and its next change has
    not come; an unknown live state is not guessed at (a push or a manual run
    publishes, after the tests).
    """
    if not isinstance(live, dict) or not live.get("commit"):
        return False, "the live site's build.json is missing or unreadable: nothing rebuilt (a push to main or a manual run publishes)"
    if live.get("clock") != clock.LIVE:
        return True, f"the live site was built with the {live.get('clock')!r} clock, not the live one"
    if live.get("next_change"):
        try:
            upcoming = clock.parse_aware(live["next_change"])
        except clock.ClockError:
            return True, f"next_change {live['next_change']!r} is unreadable"
        if now >= upcoming:
            return True, f"a change was due at {upcoming.isoformat()}"
        return False, f"nothing due before {upcoming.isoformat()}"
    return False, "no change is scheduled"


def read(path: Path) -> dict | None:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def main(argv: list[str] | None = None) -> int:
    """Print ``due=true|false`` and ``commit=...`` (for ``$GITHUB_OUTPUT``); the reason goes to stderr."""
    parser = argparse.ArgumentParser(prog="portal due", description=main.__doc__)
    parser.add_argument("--state", required=True, metavar="FILE", help="the live site's build.json, as fetched")
    parser.add_argument("--now", metavar="MOMENT", help="ISO 8601 with offset (default: the real time)")
    args = parser.parse_args(argv)
    try:
        now = clock.parse_aware(args.now) if args.now else dt.datetime.now(clock.WIB)
    except clock.ClockError as exc:
        print(f"portal due: --now: {exc}", file=sys.stderr)
        return 2
    live = read(args.state)
    is_due, reason = due(live, now)
    print(f"due={'true' if is_due else 'false'}")
    print(f"commit={(live or {}).get('commit', '')}")
    print(f"portal due: {reason}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
