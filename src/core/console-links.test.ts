import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consolePageOf, NOTIFICATIONS_PAGE, SETTINGS_PAGE } from './console-links.ts';

describe('consolePageOf', () => {
  // Written from the console's URL map (issue 11), not from the function's table.
  const table: [string, string, string][] = [
    ['a case', '/api/v1/cases/cas_01JD3ZQ8', '/cases/cas_01JD3ZQ8'],
    ['an incident', '/api/v1/incidents/inc_1', '/incidents/inc_1'],
    ['a subscription', '/api/v1/subscriptions/sub_a-b_c', '/subscriptions/sub_a-b_c'],
    ['a collection without a page of its own', '/api/v1/offers/off_1', '/notifications'],
    ['a name of Object.prototype', '/api/v1/constructor/x', '/notifications'],
    ['a case path with something after the id', '/api/v1/cases/cas_1/messages', '/notifications'],
    ['an id with a dot segment', '/api/v1/cases/..', '/notifications'],
    ['an id with an encoded slash', '/api/v1/cases/cas_1%2F..', '/notifications'],
    ['another API version', '/api/v2/cases/cas_1', '/notifications'],
    ['an absolute URL elsewhere', 'https://evil.example/api/v1/cases/cas_1', '/notifications'],
    ['an empty link', '', '/notifications'],
  ];
  for (const [name, link, page] of table) {
    it(`links ${name} (${JSON.stringify(link)}) to ${page}`, () => assert.equal(consolePageOf(link), page));
  }

  it('names the inbox and the settings pages of the URL map', () => {
    assert.equal(NOTIFICATIONS_PAGE, '/notifications');
    assert.equal(SETTINGS_PAGE, '/settings');
  });
});
