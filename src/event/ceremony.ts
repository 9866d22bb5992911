/** The event file's ceremony: when and where the pledge is read. */
import type { TimeZoneLabel } from '../model/event.js';
import type { Field, Reader } from './reader.js';
import { clockMinutes, parseClock, parseEventDate, parseZone } from './fields.js';
import { section, need, opt, scalarSource, applyParsed, type Fields } from './walk.js';

/** ceremony: date, time and its zone (in the time or in timeZone:, not conflicting), until, place, city. */
export function readCeremony(
  r: Reader,
  root: Field,
  top: Fields,
): {
  date?: string | undefined;
  time?: string | undefined;
  until: string;
  timeZone?: TimeZoneLabel | undefined;
  place?: string | undefined;
  city?: string | undefined;
} {
  const cerF = top.ceremony;
  const cer = section(r, root, top, 'ceremony', 'date: 2024-11-04, time: "07.30", place: …');
  let date: string | undefined;
  let time: string | undefined;
  let until = 'selesai';
  let timeZone: TimeZoneLabel | undefined;
  let place: string | undefined;
  let city: string | undefined;
  if (cer && cerF) {
    if (!cer.date) r.require(cerF, cer, 'date', '2024-11-04');
    else {
      const d = scalarSource(r, cer.date, 'a date (YYYY-MM-DD)');
      if (d === undefined) {
        if (r.isEmpty(cer.date)) r.missing(cer.date, cerF, 'a date such as 2024-11-04');
      } else date = applyParsed(r, cer.date, parseEventDate(d), 'event-bad-date');
    }
    let zoneFromTime: TimeZoneLabel | undefined;
    if (!cer.time) r.require(cerF, cer, 'time', '"07.30"');
    else {
      const t = scalarSource(r, cer.time, 'a time (HH.MM)');
      if (t === undefined) {
        if (r.isEmpty(cer.time)) r.missing(cer.time, cerF, 'a time such as "07.30"');
      } else {
        const v = applyParsed(r, cer.time, parseClock(t), 'event-bad-time');
        if (v) {
          time = v.time;
          zoneFromTime = v.zone;
        }
      }
    }
    if (cer.timeZone && !r.isEmpty(cer.timeZone)) {
      const z = r.str(cer.timeZone, { what: 'WIB, WITA or WIT' });
      if (z !== undefined) timeZone = applyParsed(r, cer.timeZone, parseZone(z), 'event-bad-zone');
      if (timeZone && zoneFromTime && timeZone !== zoneFromTime) {
        r.error(
          cer.time!,
          'event-zone-conflict',
          `the time says ${zoneFromTime} but timeZone says ${timeZone}`,
          'write the time without the zone, e.g. "07.30", and keep timeZone:',
        );
      }
    } else timeZone = zoneFromTime;
    if (cer.until && !r.isEmpty(cer.until)) {
      const u = scalarSource(r, cer.until, '"selesai" or a time (HH.MM)');
      if (u !== undefined) {
        if (/^\d/.test(u)) {
          const v = applyParsed(r, cer.until, parseClock(u), 'event-bad-time');
          if (v) {
            until = v.time;
            if (v.zone && timeZone && v.zone !== timeZone) {
              r.error(
                cer.until,
                'event-zone-conflict',
                `until says ${v.zone} but the ceremony is in ${timeZone}`,
                'write the time without the zone',
              );
            }
            if (time && clockMinutes(v.time) <= clockMinutes(time)) {
              r.warn(
                cer.until,
                'event-until-early',
                `the ceremony ends at ${v.time}, not after it starts at ${time}`,
                'check the times, or write until: selesai',
              );
            }
          }
        } else until = u;
      }
    }
    place = need(r, cerF, cer, 'place', 'Halaman Kantor Bupati …');
    city = opt(r, cer.city);
  }
  return { date, time, until, timeZone, place, city };
}
