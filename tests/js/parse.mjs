// Parse iCalendar files with Mozilla's ical.js (Thunderbird's parser) and print what it read
// as JSON: one record per file with the calendar's properties, its events and any errors.
// Exit code 1 when a file has an error. Usage: node parse.mjs FILE.ics...
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function readFeed(path) {
  const errors = [];
  const text = readFileSync(path, "utf8");
  let calendar;
  try {
    calendar = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    return { file: path, errors: [`parse: ${error.message}`], events: [] };
  }
  if (calendar.name !== "vcalendar") {
    errors.push(`top component is ${calendar.name}, not vcalendar`);
  }
  const zones = new Set();
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    const zone = new ICAL.Timezone(vtimezone);
    zones.add(zone.tzid);
  }
  const properties = {};
  for (const property of calendar.getAllProperties()) {
    properties[property.name] = { type: property.type, value: String(property.getFirstValue()) };
  }
  const events = [];
  for (const vevent of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(vevent);
    for (const name of ["dtstart", "dtend"]) {
      const tzid = vevent.getFirstProperty(name)?.getParameter("tzid");
      if (tzid && !zones.has(tzid)) {
        errors.push(`${event.uid}: ${name} uses TZID ${tzid} without its VTIMEZONE`);
      }
    }
    if (!event.uid) errors.push("an event without UID");
    if (!event.startDate) errors.push(`${event.uid}: no DTSTART`);
    events.push({
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: event.startDate?.toString(),
      start_is_date: event.startDate?.isDate ?? null,
      end: event.endDate?.toString(),
      tzid: vevent.getFirstProperty("dtstart")?.getParameter("tzid") ?? null,
      sequence: event.sequence,
      status: vevent.getFirstPropertyValue("status"),
      categories: vevent.getFirstProperty("categories")?.getValues() ?? [],
      alarms: vevent.getAllSubcomponents("valarm").length,
    });
  }
  return { file: path, properties, events, errors };
}

const results = process.argv.slice(2).map(readFeed);
process.stdout.write(JSON.stringify(results, null, 1));
process.exitCode = results.some((result) => result.errors.length > 0) ? 1 : 0;
