import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowsVersion, ANY_VERSION, parseIfMatch } from './if-match.ts';

/**
 * Expected readings, written by hand from RFC 9110's grammar (If-Match = "*" / #entity-tag,
 * entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE) and our tags ("<version>"): `any`, the list of
 * versions named, or `malformed`.
 */
const TABLE: [header: string | undefined, expected: 'any' | 'malformed' | number[]][] = [
  [undefined, 'any'],
  ['*', 'any'],
  [' * ', 'any'],
  ['"3"', [3]],
  ['W/"3"', [3]],
  [' "3" ', [3]],
  ['"2", "3"', [2, 3]],
  ['"2","3"', [2, 3]],
  ['"2",\t W/"7"', [2, 7]],
  ['"3", "3"', [3]],
  ['"1", , "2"', [1, 2]],
  [', "4"', [4]],
  ['"4",', [4]],
  ['"12345"', [12345]],
  // Well-formed tags naming no version of ours: nothing matches them.
  ['"03"', []],
  ['"0"', []],
  ['"-1"', []],
  ['"abc"', []],
  ['""', []],
  ['"a,b"', []],
  ['"99999999999999999999"', []],
  ['"abc", "5"', [5]],
  // Malformed.
  ['', 'malformed'],
  ['   ', 'malformed'],
  [',', 'malformed'],
  ['3', 'malformed'],
  ['garbage', 'malformed'],
  ['"3', 'malformed'],
  ['3"', 'malformed'],
  ['"3" "4"', 'malformed'],
  ['"3"x', 'malformed'],
  ['"3", *', 'malformed'],
  ['*, "3"', 'malformed'],
  ['W/3', 'malformed'],
  ['W/ "3"', 'malformed'],
  ['w/"3"', 'malformed'],
  ['"3 4"', 'malformed'],
  ['"\u2603"', 'malformed'],
];

describe('parseIfMatch', () => {
  for (const [header, expected] of TABLE) {
    it(`reads ${JSON.stringify(header)} as ${JSON.stringify(expected)}`, () => {
      const reading = parseIfMatch(header);
      if (expected === 'malformed') return assert.deepEqual(reading, { ok: false });
      if (expected === 'any') return assert.deepEqual(reading, { ok: true, expected: { any: true } });
      assert.deepEqual(reading, { ok: true, expected: { any: false, versions: expected } });
    });
  }
});

describe('allowsVersion', () => {
  it('allows every version when any is expected', () => {
    for (const v of [1, 2, 1000]) assert.equal(allowsVersion(ANY_VERSION, v), true);
  });
  it('allows exactly the versions listed', () => {
    const expected = { any: false, versions: [2, 5] } as const;
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((v) => allowsVersion(expected, v)), [false, true, false, false, true, false]);
  });
  it('allows nothing for a list naming no version', () => {
    assert.equal(allowsVersion({ any: false, versions: [] }, 1), false);
  });
});
