import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeCursor, readCursor, toPage } from './cursor.ts';

describe('cursors', () => {
  it('reads no cursor as the first page', () => {
    assert.equal(readCursor(undefined, ['string', 'string']), undefined);
  });

  it('reads back the key it encoded, part by part', () => {
    assert.deepEqual(readCursor(encodeCursor(['2026-11-24T01:02:03.000Z', 'sub_1']), ['timestamp', 'string']), ['2026-11-24T01:02:03.000Z', 'sub_1']);
    assert.deepEqual(readCursor(encodeCursor([0.5, 'offer-a']), ['number', 'string']), [0.5, 'offer-a']);
    assert.deepEqual(readCursor(encodeCursor(['2026-11-24T01:02:03.123456Z', 'aud_1']), ['timestamp', 'string']), ['2026-11-24T01:02:03.123456Z', 'aud_1']);
  });

  const refused: [string, string, readonly ('string' | 'number' | 'timestamp')[]][] = [
    ['not base64 JSON', '%%%', ['string']],
    ['another arity', encodeCursor(['a', 'b', 'c']), ['string', 'string']],
    ['a number where text belongs', encodeCursor([1, 'b']), ['string', 'string']],
    ['text where a number belongs', encodeCursor(['1', 'b']), ['number', 'string']],
    ['a timestamp that is not one', encodeCursor(['yesterday-ish', 'b']), ['timestamp', 'string']],
    ['an object part', Buffer.from(JSON.stringify([{}, 'b'])).toString('base64url'), ['string', 'string']],
    ['year 0', encodeCursor(['0000-01-01T00:00:00.000Z', 'b']), ['timestamp', 'string']],
    ['year +275760', encodeCursor(['+275760-09-13T00:00:00.000Z', 'b']), ['timestamp', 'string']],
    ['year -271821', encodeCursor(['-271821-04-20T00:00:00.000Z', 'b']), ['timestamp', 'string']],
    ['31 February', encodeCursor(['2026-02-31T00:00:00.000Z', 'b']), ['timestamp', 'string']],
    ['a timestamp without a zone', encodeCursor(['2026-02-01 00:00:00', 'b']), ['timestamp', 'string']],
    ['a NUL in a text part', encodeCursor(['2026-02-01T00:00:00.000Z', 'a\u0000b']), ['timestamp', 'string']],
    ['an infinite number', Buffer.from('[1e999,"b"]').toString('base64url'), ['number', 'string']],
    ['a null part', Buffer.from('[null,"b"]').toString('base64url'), ['string', 'string']],
  ];
  for (const [name, cursor, shape] of refused) {
    it(`refuses a cursor with ${name}`, () => {
      assert.throws(() => readCursor(cursor, shape), (e: { code?: string }) => e.code === 'INVALID_CURSOR');
    });
  }

  it('cuts one row more than the limit into a page and a cursor to the next', () => {
    const page = toPage([1, 2, 3], 2, (n) => [String(n)], (n) => n * 10);
    assert.deepEqual(page.items, [10, 20]);
    assert.deepEqual(readCursor(page.nextCursor ?? undefined, ['string']), ['2']);
    assert.equal(toPage([1, 2], 2, (n) => [String(n)], (n) => n).nextCursor, null);
  });
});
