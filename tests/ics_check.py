#!/usr/bin/env python3
"""Checks an iCalendar feed (DESIGN.md §1, "Calendar feed") with an independent parser.

A Rust integration test pipes the body of GET /calendar/<token>.ics into it:

    PY=$(scripts/python-env.sh)
    "$PY" tests/ics_check.py < feed.ics

It exits 1, with the reasons on stderr, if the feed breaks RFC 5545's line rules or does not
parse with the `icalendar` package:

  * the input is not UTF-8;
  * a line does not end in CRLF (a bare LF or CR anywhere, or no CRLF after the last line);
  * a line (a physical line, i.e. after folding) is longer than 75 octets without its CRLF;
  * a folded line splits a UTF-8 character (RFC 5545 lets readers cope with it, many don't);
  * icalendar.Calendar.from_ical rejects it, or leaves a property it could not parse;
  * a required property is missing: PRODID and VERSION:2.0 on the VCALENDAR; UID, DTSTAMP and
    DTSTART on each VEVENT; ACTION and TRIGGER on each VALARM.

Otherwise it exits 0 and prints one JSON object on stdout, with the parsed values (unfolded and
unescaped, so "\\," in the feed is "," here) for the test to compare with what it stored:

    {"prodid": "...",
     "events": [{"uid": "...", "summary": "...", "description": "..." or null,
                 "dtstart": "YYYY-MM-DD", "all_day": true,
                 "alarms": [{"action": "DISPLAY", "trigger": "-P1D", "trigger_seconds": -86400}]}]}

Events are in feed order. "all_day" is true when DTSTART is a DATE (VALUE=DATE), false for a
DATE-TIME (then "dtstart" is the date part). "trigger" is the TRIGGER value as icalendar writes it
back (an RFC 5545 duration such as "-P1D" or "-PT15M", or a UTC date-time for an absolute
trigger); "trigger_seconds" is the duration in seconds (negative = before), null when absolute.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

MAX_OCTETS = 75


def line_errors(data: bytes) -> list[str]:
    errors = []
    if not data:
        return ["empty input"]
    # Unfold first: a fold inside a character is reported below, line by line.
    unfolded = data.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")
    utf8 = True
    try:
        unfolded.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8 = False
        errors.append(f"not UTF-8 (after unfolding): {e}")
    lines = data.split(b"\r\n")
    if lines[-1] != b"":
        errors.append(f"the last line does not end in CRLF: {lines[-1][:60]!r}")
    else:
        lines.pop()
    for number, line in enumerate(lines, start=1):
        if b"\n" in line or b"\r" in line:
            errors.append(f"line {number}: bare LF or CR (lines must end in CRLF): {line[:60]!r}")
            continue
        if len(line) > MAX_OCTETS:
            errors.append(f"line {number}: {len(line)} octets, more than {MAX_OCTETS}: "
                          f"{line[:60]!r}...")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            if utf8:
                errors.append(f"line {number}: folding splits a UTF-8 character: {line[-12:]!r}")
    return errors


def text(component, name: str) -> str | None:
    value = component.get(name)
    return None if value is None else str(value)


def trigger_json(alarm) -> dict:
    trigger = alarm.get("TRIGGER")
    value = trigger.dt
    seconds = None
    if isinstance(value, dt.timedelta):
        seconds = int(value.total_seconds())
    return {
        "action": text(alarm, "ACTION"),
        "trigger": trigger.to_ical().decode("utf-8"),
        "trigger_seconds": seconds,
    }


def main() -> int:
    data = sys.stdin.buffer.read()
    errors = line_errors(data)

    try:
        import icalendar
    except ImportError:
        print("ics_check: the `icalendar` package is missing; run this with the python that "
              "scripts/python-env.sh prints", file=sys.stderr)
        return 2

    calendar = None
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except Exception as e:  # icalendar raises ValueError mostly, but anything is a failure
        errors.append(f"icalendar cannot parse it: {type(e).__name__}: {e}")

    events = []
    if calendar is not None:
        for component in calendar.walk():
            for prop, message in component.errors:
                errors.append(f"{component.name}: property {prop} does not parse: {message}")
        if calendar.name != "VCALENDAR":
            errors.append(f"the top component is {calendar.name}, not VCALENDAR")
        if calendar.get("PRODID") is None:
            errors.append("VCALENDAR has no PRODID")
        if text(calendar, "VERSION") != "2.0":
            errors.append(f"VCALENDAR VERSION is {text(calendar, 'VERSION')!r}, not '2.0'")
        for index, event in enumerate(calendar.walk("VEVENT"), start=1):
            where = f"VEVENT #{index} (UID {text(event, 'UID')!r})"
            missing = [p for p in ("UID", "DTSTAMP", "DTSTART") if event.get(p) is None]
            if missing:
                errors.append(f"{where} has no {', '.join(missing)}")
            alarms = []
            for alarm in event.walk("VALARM"):
                if alarm.get("ACTION") is None or alarm.get("TRIGGER") is None:
                    errors.append(f"{where}: a VALARM needs ACTION and TRIGGER")
                    continue
                try:
                    alarms.append(trigger_json(alarm))
                except Exception as e:
                    errors.append(f"{where}: TRIGGER: {type(e).__name__}: {e}")
            start = event.get("DTSTART")
            dtstart = all_day = None
            if start is not None:
                try:
                    value = start.dt
                    # datetime is a subclass of date: test it first.
                    all_day = not isinstance(value, dt.datetime)
                    dtstart = (value if all_day else value.date()).isoformat()
                except Exception as e:
                    errors.append(f"{where}: DTSTART: {type(e).__name__}: {e}")
            events.append({
                "uid": text(event, "UID"),
                "summary": text(event, "SUMMARY"),
                "description": text(event, "DESCRIPTION"),
                "dtstart": dtstart,
                "all_day": all_day,
                "alarms": alarms,
            })

    if errors:
        for error in errors:
            print(f"ics_check: {error}", file=sys.stderr)
        return 1

    out = {"prodid": text(calendar, "PRODID"), "events": events}
    sys.stdout.buffer.write(json.dumps(out, ensure_ascii=False, indent=1).encode("utf-8") + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
