/**
 * `If-Match` (RFC 9110 section 13.1.1) read into the versions a change may apply to. Pure: the
 * route parses the header once, the use case compares the expectation with the locked row.
 *
 * Terminology:
 * - entity tag: `"<opaque>"`, weak when prefixed `W/`. Our tags are versions: `"<version>"`
 *   (`etagOf` in case-rules.ts), the version a positive integer without leading zeros.
 * - expected version: what the client based its change on — any version, or one of a list.
 *
 * Rules:
 * 1. Absent, or `*` alone: any version.
 * 2. A comma-separated list of entity tags (empty elements are skipped, as RFC 9110's list syntax
 *    asks): the versions they name. Weak and strong tags are compared alike (`W/"3"` names
 *    version 3), as the API has always done.
 * 3. A well-formed tag that names no version of ours (`"abc"`, `"03"`) names nothing: no version
 *    matches it (the change is refused as a version conflict, not as malformed).
 * 4. Anything else is malformed: an unquoted tag (`3`), `*` inside a list, an unterminated quote,
 *    characters outside a tag, a value with no tag at all.
 */

/** The versions a change may apply to. */
export type ExpectedVersion =
  | { readonly any: true }
  | { readonly any: false; readonly versions: readonly number[] };

/** Any version: no If-Match, or `*`. */
export const ANY_VERSION: ExpectedVersion = Object.freeze({ any: true });

/** The header read: the expectation, or malformed. */
export type IfMatchReading = { ok: true; expected: ExpectedVersion } | { ok: false };

const QUOTE = 0x22;

/** Whether a character may stand inside an entity tag's quotes (etagc: %x21 / %x23-7E / obs-text). */
function isTagChar(code: number): boolean {
  return code === 0x21 || (code >= 0x23 && code <= 0x7e) || (code >= 0x80 && code <= 0xff);
}

/** Optional whitespace: space and horizontal tab. */
function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** The version an entity tag's opaque part names, if it names one. */
function versionOf(opaque: string): number | null {
  if (!/^[1-9][0-9]*$/.test(opaque)) return null;
  const n = Number(opaque);
  return Number.isSafeInteger(n) ? n : null;
}

/** Reads an If-Match header (rules 1–4 above). */
export function parseIfMatch(header: string | undefined): IfMatchReading {
  if (header === undefined) return { ok: true, expected: ANY_VERSION };
  const value = header.trim();
  if (value === '*') return { ok: true, expected: ANY_VERSION };
  const versions: number[] = [];
  let tags = 0;
  let i = 0;
  while (i < value.length) {
    // Between elements: whitespace and empty elements.
    if (isOws(value.charCodeAt(i)) || value[i] === ',') { i += 1; continue; }
    if (value.startsWith('W/', i)) i += 2;
    if (value.charCodeAt(i) !== QUOTE) return { ok: false };
    const start = i + 1;
    let end = start;
    while (end < value.length && isTagChar(value.charCodeAt(end))) end += 1;
    if (value.charCodeAt(end) !== QUOTE) return { ok: false };
    tags += 1;
    const version = versionOf(value.slice(start, end));
    if (version !== null && !versions.includes(version)) versions.push(version);
    i = end + 1;
    while (i < value.length && isOws(value.charCodeAt(i))) i += 1;
    if (i < value.length && value[i] !== ',') return { ok: false };
  }
  if (tags === 0) return { ok: false };
  return { ok: true, expected: { any: false, versions } };
}

/** Whether a change expecting `expected` may apply to a row at `version`. */
export function allowsVersion(expected: ExpectedVersion, version: number): boolean {
  return expected.any || expected.versions.includes(version);
}
