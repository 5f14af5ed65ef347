// The pieces every setting shares, whichever place it is read from (a link, a form field, an
// element's attribute): the error a parser throws, and reading a link's parameters with one
// error per bad value, not just the first. No imports, no DOM: the digits page loads it too.

/**
 * A value that does not parse: `setting` (its name), `reason` (what is accepted, as in
 * "must be <reason>") and `got` (the text as given), so each caller words it for its place
 * (a link, a field, an attribute) without rewriting the message.
 */
export class SettingError extends RangeError {
  constructor(setting, reason, got) {
    super(`${setting} must be ${reason}, got ${JSON.stringify(got)}`);
    this.setting = setting;
    this.reason = reason;
    this.got = got;
  }

  /** 'must be <reason>, got "<text>"': the message without the setting's name. */
  get rule() {
    return `must be ${this.reason}, got ${JSON.stringify(this.got)}`;
  }
}

/**
 * One sentence for the values of a link that could not be used, each with what is accepted:
 * 'Bad link: seed="abc" must be a whole number …; the defaults stand in for them.', or null.
 */
export function describeLinkProblems(problems) {
  if (!problems.length) return null;
  // `rule`: the core's own words ("must be ..."), for a value only the model could refuse.
  const each = problems.map(
    (p) => `${p.key}=${JSON.stringify(p.got)} (${p.rule ?? `must be ${p.reason}`})`,
  );
  const one = problems.length === 1;
  return `Bad link: ${each.join('; ')}. The page uses the default${one ? '' : 's'} for ${one ? 'it' : 'those'} instead.`;
}

/**
 * Reads `params` (URLSearchParams, in order: later ones win) into `defaults` with `parsers`
 * (key -> parse) and `fields` (key -> state field): `{ state, problems }`, a value that does
 * not parse leaving its default and a `{ key, got, reason }` in problems.
 */
export function readParams(paramsList, defaults, parsers, fields = {}) {
  const state = { ...defaults };
  const problems = new Map();
  for (const params of paramsList) {
    for (const [key, parse] of Object.entries(parsers)) {
      const raw = params.get(key);
      if (raw === null) continue;
      try {
        state[fields[key] ?? key] = parse(raw);
        problems.delete(key);
      } catch (err) {
        if (!(err instanceof SettingError)) throw err;
        problems.set(key, { key, got: raw, reason: err.reason });
      }
    }
  }
  return { state, problems: [...problems.values()] };
}

/**
 * A parser of whole numbers lo..hi: '1,000' and '1_000' read as 1000 when `separators`. Its
 * error states `reason` (default: 'a whole number from lo to hi').
 */
export function wholeNumber(setting, lo, hi, { separators = false, reason = null } = {}) {
  return (text) => {
    const s = String(text).trim();
    const digits = separators ? s.replace(/[,_\s]/g, '') : s;
    const n = /^\d+$/.test(digits) ? Number(digits) : NaN;
    if (!(Number.isSafeInteger(n) && n >= lo && n <= hi)) {
      throw new SettingError(
        setting,
        reason ??
          `a whole number from ${lo.toLocaleString('en-US')} to ${hi.toLocaleString('en-US')}`,
        s,
      );
    }
    return n;
  };
}

/** A parser of one of `values` (strings or numbers), case-insensitive: the value itself. */
export function oneOf(setting, values) {
  return (text) => {
    const s = String(text).trim().toLowerCase();
    const found = values.find((v) => String(v) === s);
    if (found === undefined)
      throw new SettingError(setting, `one of ${values.join(', ')}`, String(text).trim());
    return found;
  };
}

/**
 * A row of a settings table: `field` in the state, the link's `key`, the form's `label`, `parse`
 * (text -> value, or a SettingError stating the limits) and `format` (value -> the text parse
 * reads back); the element's `attribute` (the field in kebab case unless given) and `core`, the
 * core's option name, where there is one. The link, the element and the fields all read rows.
 */
export function row(field, key, label, parse, { format = String, attribute, core } = {}) {
  attribute ??= field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return Object.freeze({ field, key, attribute, label, parse, format, ...(core && { core }) });
}

/** A seed: a whole number 0..2^53-1, what the wasm accepts. */
export const parseSeed = wholeNumber('seed', 0, Number.MAX_SAFE_INTEGER, {
  reason: `a whole number from 0 to 2^53-1 (${Number.MAX_SAFE_INTEGER})`,
});

/**
 * A table of settings (rows `{ field, key, parse, format }`, as urlstate.js's SETTINGS) read
 * from a location's query, then its hash (which wins): `{ state, query, problems }`, each bad
 * value keeping its default in `defaults` and named in `problems`.
 */
export function readSettings(table, defaults, { search = '', hash = '' } = {}) {
  const query = new URLSearchParams(search);
  const parsers = Object.fromEntries(table.map((s) => [s.key, s.parse]));
  const fields = Object.fromEntries(table.map((s) => [s.key, s.field]));
  const { state, problems } = readParams(
    [query, new URLSearchParams(hash.replace(/^#/, ''))],
    defaults,
    parsers,
    fields,
  );
  return { state, query, problems };
}

/** The hash (with its '#') that readSettings reads back as `state`: every row of `table`, then `extra`. */
export function settingsHash(table, state, extra = {}) {
  return `#${new URLSearchParams([...table.map((s) => [s.key, s.format(state[s.field])]), ...Object.entries(extra)])}`;
}
