import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isConnectionError, isUniqueViolation } from './errors.ts';

describe('isConnectionError', () => {
  const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  const unavailable: [string, unknown][] = [
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a reset connection', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['admin_shutdown (57P01, pg_terminate_backend)', pgError('57P01', 'terminating connection due to administrator command')],
    ['crash_shutdown (57P02)', pgError('57P02')],
    ['cannot_connect_now (57P03, the server is starting)', pgError('57P03', 'the database system is starting up')],
    ['a connection exception (08006)', pgError('08006')],
    ['connection_does_not_exist (08003)', pgError('08003')],
    ['node-postgres\'s "Connection terminated unexpectedly"', new Error('Connection terminated unexpectedly')],
    ['node-postgres\'s "Connection terminated"', new Error('Connection terminated')],
    ['a pool that timed out connecting', new Error('timeout exceeded when trying to connect')],
    ['a wrapped refusal', new Error('query failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) })],
    ['an AggregateError of refusals (IPv4 and IPv6)', new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })], 'all failed')],
  ];
  for (const [name, err] of unavailable) {
    it(`classifies ${name} as unavailable`, () => assert.equal(isConnectionError(err), true));
  }
  const other: [string, unknown][] = [
    ['a unique violation', pgError('23505')],
    ['invalid text representation (22P02)', pgError('22P02')],
    ['a NUL in text (22021)', pgError('22021')],
    ['a query canceled (57014)', pgError('57014')],
    ['a plain bug', new TypeError('x is undefined')],
    ['null', null],
    ['a string', 'ECONNREFUSED'],
  ];
  for (const [name, err] of other) {
    it(`does not classify ${name} as unavailable`, () => assert.equal(isConnectionError(err), false));
  }
  it('still recognizes unique violations', () => assert.equal(isUniqueViolation(pgError('23505')), true));
});
