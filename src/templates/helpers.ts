/**
 * The Indonesian helpers of the document templates ({{tanggal}}, {{nip}}, {{terbilang}} …) and the
 * error a template raises while it runs, with its line.
 */
import Handlebars from 'handlebars';
import type { Rank } from '../model/person.js';
import { formatNip } from '../roster/nip.js';
import { rankLabel } from '../roster/rank.js';
import { dateInWords, dayName, formatDateId, formatTime, parseIsoDate, placeDate, terbilang } from '../util/dates.js';

/** An error raised while a template runs, with the template position when known. */
export class TemplateRunError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly hint?: string,
    /** The problem code and its values, when not the default template-field. */
    readonly problem?: { code: string; params: Record<string, string | number> },
  ) {
    super(message);
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  return JSON.stringify(v);
}

function requireArg(helper: string, v: unknown, options: Handlebars.HelperOptions): void {
  if (v === undefined) {
    const loc = (options as unknown as { loc?: { start?: { line?: number } } }).loc;
    throw new TemplateRunError(
      `{{${helper} …}} was given a field that does not exist`,
      loc?.start?.line,
      'check the field name; templates/README.md lists the fields each template gets',
    );
  }
}

function helperFail(helper: string, message: string, options: Handlebars.HelperOptions): never {
  const loc = (options as unknown as { loc?: { start?: { line?: number } } }).loc;
  throw new TemplateRunError(`{{${helper} …}}: ${message}`, loc?.start?.line);
}

/**
 * Helper names such as `nip` are also natural field names. Written alone (`{{nip}}`, no arguments)
 * they mean the field, with the same strictness as any field; with arguments they are the helper.
 */
function fieldOrHelper(name: string, fn: (...args: any[]) => unknown): Handlebars.HelperDelegate {
  return function (this: unknown, ...args: unknown[]) {
    if (args.length === 1) {
      const options = args[0] as Handlebars.HelperOptions;
      const ctx = this as Record<string, unknown> | null | undefined;
      if (ctx !== null && typeof ctx === 'object' && Object.hasOwn(ctx, name)) return ctx[name];
      const loc = (options as unknown as { loc?: { start?: { line?: number } } }).loc;
      throw new TemplateRunError(
        `unknown field "${name}"`,
        loc?.start?.line,
        `{{${name} …}} with a value is a helper; alone it is a field, and there is none here`,
      );
    }
    return fn.apply(this, args);
  };
}

export function registerHelpers(hb: typeof Handlebars): void {
  const isOptions = (v: unknown): v is Handlebars.HelperOptions =>
    typeof v === 'object' && v !== null && 'hash' in v && 'data' in v;

  hb.registerHelper(
    'tanggal',
    fieldOrHelper('tanggal', function (date: unknown, options: Handlebars.HelperOptions) {
      requireArg('tanggal', date, options);
      const iso = String(date);
      if (!parseIsoDate(iso)) helperFail('tanggal', `${describe(date)} is not a date written YYYY-MM-DD`, options);
      const hari = options.hash?.hari;
      return formatDateId(iso, { weekday: hari === true || hari === 'ya' || hari === 'true' });
    }),
  );
  hb.registerHelper(
    'hari',
    fieldOrHelper('hari', function (date: unknown, options: Handlebars.HelperOptions) {
      requireArg('hari', date, options);
      const iso = String(date);
      if (!parseIsoDate(iso)) helperFail('hari', `${describe(date)} is not a date written YYYY-MM-DD`, options);
      return dayName(iso);
    }),
  );
  hb.registerHelper(
    'tempatTanggal',
    fieldOrHelper('tempatTanggal', function (city: unknown, date: unknown, options: Handlebars.HelperOptions) {
      requireArg('tempatTanggal', city, options);
      requireArg('tempatTanggal', date, options);
      const iso = String(date);
      if (!parseIsoDate(iso))
        helperFail('tempatTanggal', `${describe(date)} is not a date written YYYY-MM-DD`, options);
      return placeDate(String(city), iso);
    }),
  );
  hb.registerHelper(
    'tanggalTerbilang',
    fieldOrHelper('tanggalTerbilang', function (date: unknown, options: Handlebars.HelperOptions) {
      requireArg('tanggalTerbilang', date, options);
      const iso = String(date);
      if (!parseIsoDate(iso))
        helperFail('tanggalTerbilang', `${describe(date)} is not a date written YYYY-MM-DD`, options);
      return dateInWords(iso);
    }),
  );
  hb.registerHelper(
    'waktu',
    fieldOrHelper('waktu', function (time: unknown, ...rest: unknown[]) {
      const options = rest.pop() as Handlebars.HelperOptions;
      requireArg('waktu', time, options);
      const zone = rest[0];
      return formatTime(String(time), zone === undefined || zone === null ? undefined : String(zone));
    }),
  );
  hb.registerHelper(
    'nip',
    fieldOrHelper('nip', function (nip: unknown, options: Handlebars.HelperOptions) {
      requireArg('nip', nip, options);
      if (nip === null || nip === '') return '-';
      return formatNip(String(nip));
    }),
  );
  hb.registerHelper(
    'pangkat',
    fieldOrHelper('pangkat', function (rank: unknown, options: Handlebars.HelperOptions) {
      requireArg('pangkat', rank, options);
      if (rank === null) return '-';
      if (typeof rank === 'string') return rank;
      return rankLabel(rank as Rank);
    }),
  );
  hb.registerHelper(
    'terbilang',
    fieldOrHelper('terbilang', function (n: unknown, options: Handlebars.HelperOptions) {
      requireArg('terbilang', n, options);
      try {
        return terbilang(typeof n === 'number' ? n : String(n));
      } catch {
        return helperFail('terbilang', `${describe(n)} is not a whole number`, options);
      }
    }),
  );
  hb.registerHelper(
    'kapital',
    fieldOrHelper('kapital', function (s: unknown, options: Handlebars.HelperOptions) {
      requireArg('kapital', s, options);
      return s === null ? '' : String(s).toLocaleUpperCase('id-ID');
    }),
  );
  hb.registerHelper('eq', function (a: unknown, b: unknown) {
    return a === b || (a !== null && b !== null && a !== undefined && b !== undefined && String(a) === String(b));
  });
  hb.registerHelper('or', function (...args: unknown[]) {
    const vals = args.filter((a) => !isOptions(a));
    for (const v of vals) if (v && !(Array.isArray(v) && v.length === 0)) return v;
    return vals[vals.length - 1];
  });
  hb.registerHelper('and', function (...args: unknown[]) {
    const vals = args.filter((a) => !isOptions(a));
    for (const v of vals) if (!v || (Array.isArray(v) && v.length === 0)) return v;
    return vals[vals.length - 1];
  });
  hb.registerHelper('not', function (v: unknown) {
    return !v || (Array.isArray(v) && v.length === 0);
  });
  // {{#each}} over a field that does not exist is an error too (strict mode lets it pass).
  const each = hb.helpers['each'] as Handlebars.HelperDelegate;
  hb.registerHelper('each', function (this: unknown, context: unknown, options: Handlebars.HelperOptions) {
    requireArg('#each', context, options);
    return each.call(this, context, options);
  });
}
