"""The publishing gate's "now": injectable for tests, fixed by the commit for builds.

Whether a narrative is in force depends on the time, so the time must come
from somewhere a test can set and a rebuild of the same commit repeats:

1. ``PORTAL_NOW`` (ISO 8601 with a UTC offset, ``2026-12-01T09:00:00+07:00``):
   a *preview*, "what will the site look like on that day?" (tests use it
   too). A preview is built into its own folder and every page says so, so it
   is never deployed by mistake;
2. ``PORTAL_CLOCK=live``: the real current time. Only the deploy build of
   the live site uses it (``portal build --clock live``), so narratives
   expire and embargoes lift on time without a push; it is not a preview;
3. ``SOURCE_DATE_EPOCH`` (the commit time; ``portal build`` and ``make`` set
   it), read as WIB, so two builds of one commit publish the same narratives
   (releases, tests, ``make build``);
4. otherwise the current time.

One build uses one "now": the build session (:mod:`portal.session`) reads it
once when the build starts and hands it to every catalogue, so the index, the
pages and both languages never disagree about what is in force.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Mapping, NamedTuple

WIB = dt.timezone(dt.timedelta(hours=7), "WIB")


class ClockError(ValueError):
    """``PORTAL_NOW`` or ``SOURCE_DATE_EPOCH`` cannot be read as a moment in time."""


def parse_aware(text: str) -> dt.datetime:
    """An ISO 8601 datetime that names its UTC offset; a naive one is refused.

    A naive time is ambiguous by up to a day across Indonesia's three zones,
    which is enough to publish an embargoed text early.
    """
    try:
        moment = dt.datetime.fromisoformat(str(text).strip())
    except ValueError:
        raise ClockError(f"{text!r} is not an ISO 8601 datetime (write e.g. 2023-09-01T00:00:00+07:00)") from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ClockError(f"{text!r} has no timezone: add the offset, e.g. +07:00 for WIB")
    return moment


PREVIEW, LIVE, COMMIT, SYSTEM = "preview", "live", "commit", "system"
CLOCKS = ("commit", "live")  # the values of PORTAL_CLOCK


class Moment(NamedTuple):
    """The build's "now" and where it came from (:data:`PREVIEW`, :data:`LIVE`, :data:`COMMIT`, :data:`SYSTEM`)."""

    now: dt.datetime
    source: str


def read(environ: Mapping[str, str] | None = None) -> Moment:
    """The build's "now" and its source (see the module docstring for the order)."""
    env = os.environ if environ is None else environ
    mode = env.get("PORTAL_CLOCK") or "commit"
    if mode not in CLOCKS:
        raise ClockError(f"PORTAL_CLOCK: {mode!r} is not one of {', '.join(CLOCKS)}")
    if env.get("PORTAL_NOW"):
        if mode == "live":
            raise ClockError("PORTAL_NOW and PORTAL_CLOCK=live: a preview of another moment cannot be a live build; drop one")
        try:
            return Moment(parse_aware(env["PORTAL_NOW"]), PREVIEW)
        except ClockError as exc:
            raise ClockError(f"PORTAL_NOW: {exc}") from None
    if mode == "live":
        return Moment(dt.datetime.now(WIB).replace(microsecond=0), LIVE)
    if env.get("SOURCE_DATE_EPOCH"):
        try:
            return Moment(dt.datetime.fromtimestamp(int(env["SOURCE_DATE_EPOCH"]), WIB), COMMIT)
        except (ValueError, OverflowError, OSError):
            raise ClockError(f"SOURCE_DATE_EPOCH: {env['SOURCE_DATE_EPOCH']!r} is not a Unix time in seconds") from None
    return Moment(dt.datetime.now(WIB), SYSTEM)


def now(environ: Mapping[str, str] | None = None) -> dt.datetime:
    """The build's "now", timezone-aware (see the module docstring for the order)."""
    return read(environ).now

