/**
 * Problem details answer in the language of the request: the signed-in user's (users.locale),
 * else Accept-Language, else English; `Content-Language` names it. The Korean texts expected here
 * are written out, not read from the code.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testContext, type TestContext } from '../harness.ts';
import { call, makeActor, makeOrg, makeUser, type Actor } from '../factories.ts';

async function koreanAdmin(ctx: TestContext): Promise<Actor> {
  const org = await makeOrg(ctx, 'partner');
  return makeUser(ctx, org, ['global_admin'], { locale: 'ko' });
}

function assertProblem(res: { status: number; headers: Record<string, unknown>; body?: { code?: string } }, status: number, code: string, language: 'en' | 'ko') {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.equal(res.body?.code, code);
  assert.equal(res.headers['content-language'], language);
}

describe('problem details in the language of the signed-in user', () => {
  it('answers a Korean user in Korean, whatever Accept-Language says', async () => {
    const ctx = await testContext();
    const ko = await koreanAdmin(ctx);
    const res = await call(ctx, ko, 'GET', '/api/v1/no-such-thing', undefined, { 'accept-language': 'en' });
    assertProblem(res, 404, 'ROUTE_NOT_FOUND', 'ko');
    assert.equal(res.body.detail, 'GET /api/v1/no-such-thing 경로는 없습니다.');
    assert.equal(res.body.title, 'Route Not Found');
  });

  it('answers a Korean user\'s refusal raised by a service in Korean (an Idempotency-Key reused)', async () => {
    const ctx = await testContext();
    const ko = await koreanAdmin(ctx);
    const key = { 'idempotency-key': `key-${ko.userId}` };
    assert.equal((await call(ctx, ko, 'POST', '/api/v1/tokens', { name: 'first' }, key)).status, 201);
    const res = await call(ctx, ko, 'POST', '/api/v1/tokens', { name: 'other' }, key);
    assertProblem(res, 422, 'IDEMPOTENCY_KEY_REUSED', 'ko');
    assert.equal(res.body.detail, '이 Idempotency-Key는 다른 요청에 이미 사용되었습니다. 새 요청에는 새 키를 사용하세요.');
  });

  it('answers our own validation messages in Korean, field names unchanged', async () => {
    const ctx = await testContext();
    const ko = await koreanAdmin(ctx);
    const res = await call(ctx, ko, 'POST', '/api/v1/tokens', { name: 'x', colour: 'blue' });
    assertProblem(res, 400, 'VALIDATION_FAILED', 'ko');
    assert.deepEqual(res.body.errors, [{ field: 'body.colour', message: '알 수 없는 필드입니다' }]);
    assert.equal(res.body.detail, '요청이 올바르지 않습니다. body.colour: 알 수 없는 필드입니다');
  });

  it('answers a Korean user in English, labelled en, for a refusal that has no Korean text', async () => {
    const ctx = await testContext();
    const org = await makeOrg(ctx, 'partner');
    const agent = await makeUser(ctx, org, ['helpdesk_agent'], { locale: 'ko' });
    const res = await call(ctx, agent, 'GET', '/api/v1/audit-log', undefined, { 'accept-language': 'ko' });
    assertProblem(res, 403, 'PERMISSION_DENIED', 'en');
    assert.match(res.body.detail, /^Your roles do not allow you to /);
  });

  it('answers an English user in English even when the browser asks for Korean', async () => {
    const ctx = await testContext();
    const en = await makeActor(ctx, 'partner', ['global_admin']);
    const res = await call(ctx, en, 'GET', '/api/v1/no-such-thing', undefined, { 'accept-language': 'ko-KR,ko;q=0.9' });
    assertProblem(res, 404, 'ROUTE_NOT_FOUND', 'en');
    assert.equal(res.body.detail, 'No route GET /api/v1/no-such-thing.');
  });

  it('follows a change of the user\'s language on the next request', async () => {
    const ctx = await testContext();
    const en = await makeActor(ctx, 'partner', ['global_admin']);
    assert.equal((await call(ctx, en, 'PATCH', `/api/v1/users/${en.userId}`, { locale: 'ko' })).status, 200);
    const res = await call(ctx, en, 'POST', '/api/v1/tokens', { name: 'x', colour: 'blue' });
    assertProblem(res, 400, 'VALIDATION_FAILED', 'ko');
    assert.equal(res.body.errors[0].message, '알 수 없는 필드입니다');
  });
});

describe('problem details of anonymous requests follow Accept-Language', () => {
  const signInRequiredKo = '로그인하거나 API 토큰을 `Authorization: Bearer <token>` 형식으로 보내세요.';
  const signInRequiredEn = 'Sign in, or send an API token as `Authorization: Bearer <token>`.';

  for (const [header, language] of [
    ['ko', 'ko'],
    ['ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7', 'ko'],
    ['en;q=0.5, ko;q=0.9', 'ko'],
    ['fr-FR, ko;q=0.3', 'ko'],
    ['en-GB', 'en'],
    ['ko;q=0.4, en;q=0.6', 'en'],
    ['fr, de;q=0.8', 'en'],
    ['*', 'en'],
    ['ko;q=0', 'en'],
    [';;;, ==', 'en'],
  ] as const) {
    it(`Accept-Language: ${header} → ${language}`, async () => {
      const ctx = await testContext();
      const res = await call(ctx, null, 'GET', '/api/v1/me', undefined, { 'accept-language': header });
      assertProblem(res, 401, 'UNAUTHENTICATED', language);
      assert.equal(res.body.detail, language === 'ko' ? signInRequiredKo : signInRequiredEn);
    });
  }

  it('answers English without Accept-Language', async () => {
    const ctx = await testContext();
    const res = await call(ctx, null, 'GET', '/api/v1/me');
    assertProblem(res, 401, 'UNAUTHENTICATED', 'en');
    assert.equal(res.body.detail, signInRequiredEn);
  });

  it('answers a refused token, a malformed JSON body and an unknown route in Korean', async () => {
    const ctx = await testContext();
    const ko = { 'accept-language': 'ko' };
    const token = await call(ctx, null, 'GET', '/api/v1/me', undefined, { ...ko, authorization: 'Bearer sbt_not-a-token' });
    assertProblem(token, 401, 'UNAUTHENTICATED', 'ko');
    assert.equal(token.body.detail, 'API 토큰이 유효하지 않거나, 만료되었거나, 폐기되었습니다.');

    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/sessions', headers: { ...ko, 'content-type': 'application/json' }, payload: '{"email":' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.headers['content-language'], 'ko');
    const body = JSON.parse(res.body);
    assert.equal(body.detail, '본문이 올바른 JSON이 아닙니다.');
    assert.deepEqual(body.errors, [{ field: 'body', message: '올바른 JSON이 아닙니다' }]);

    const route = await call(ctx, null, 'DELETE', '/api/v1/nowhere', undefined, ko);
    assertProblem(route, 404, 'ROUTE_NOT_FOUND', 'ko');
    assert.equal(route.body.detail, 'DELETE /api/v1/nowhere 경로는 없습니다.');
  });
});
