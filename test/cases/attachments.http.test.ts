import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { testContext, type TestContext } from '../harness.ts';
import { call } from '../factories.ts';
import {
  caseBody, FILES, injectRaw, makeDirectWorld, multipart, openCase, postMessage, theOperator, upload, userOf,
} from '../case-factories.ts';

let ctx: TestContext;
before(async () => {
  ctx = await testContext();
  await theOperator(ctx);
});

/** A case held by the partner with one public reply of the partner's. */
async function caseWithReply() {
  const w = await makeDirectWorld(ctx, { preference: 'tier1' });
  const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
  const messageId = await postMessage(ctx, w.helpdesk, c.id, 'replies', { body: 'Please see the attached log.' });
  return { w, caseId: c.id, messageId };
}

async function attachmentCount(caseId: string): Promise<number> {
  const r = await ctx.db.withOwner((tx) => tx.selectFrom('case_attachments').select((eb) => eb.fn.countAll<string>().as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow());
  return Number(r.n);
}

describe('cases: attachments', () => {
  it('stores one file on the author\'s message with its SHA-256, lists it, and downloads it as an attachment that is never sniffed', async () => {
    const { w, caseId, messageId } = await caseWithReply();
    const res = await upload(ctx, w.helpdesk, caseId, messageId, { fileName: 'screen shot.png', contentType: 'image/png', content: FILES.png });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const a = res.body.attachment;
    assert.match(a.id, /^att_/);
    assert.equal(a.fileName, 'screen shot.png');
    assert.equal(a.contentType, 'image/png');
    assert.equal(a.sizeBytes, FILES.png.length);
    assert.equal(a.sha256, createHash('sha256').update(FILES.png).digest('hex'));
    assert.equal(res.headers.etag, `"${res.body.case.version}"`);

    const listed = await call(ctx, w.customer, 'GET', `/api/v1/cases/${caseId}/messages`);
    assert.deepEqual(listed.body.items[0].attachments, [a]);
    const file = await injectRaw(ctx, w.customer, 'GET', `/api/v1/cases/${caseId}/attachments/${a.id}`);
    assert.equal(file.status, 200);
    assert.ok(Buffer.compare(file.raw, FILES.png) === 0);
    assert.equal(file.headers['content-type'], 'image/png');
    assert.equal(file.headers['content-disposition'], 'attachment; filename="screen shot.png"; filename*=UTF-8\'\'screen%20shot.png');
    assert.equal(file.headers['x-content-type-options'], 'nosniff');
    assert.equal(file.headers['repr-digest'], `sha-256=:${createHash('sha256').update(FILES.png).digest('base64')}:`);
    const events = await call(ctx, w.customer, 'GET', `/api/v1/cases/${caseId}/events`);
    assert.ok(events.body.items.some((e: { type: string; data: { attachmentId?: string } }) => e.type === 'attachment_added' && e.data.attachmentId === a.id));
  });

  it('accepts every allowed type whose bytes match it', async () => {
    const { w, caseId, messageId } = await caseWithReply();
    const files: [string, string, Buffer][] = [
      ['a.pdf', 'application/pdf', FILES.pdf],
      ['a.txt', 'text/plain', FILES.text],
      ['a.csv', 'text/csv', Buffer.from('a,b\n1,2\n')],
      ['a.json', 'application/json', Buffer.from('{"ok":true}')],
      ['a.zip', 'application/zip', Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)])],
      ['a.gif', 'image/gif', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
      ['a.jpg', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])],
      ['a.webp', 'image/webp', Buffer.concat([Buffer.from('RIFF'), Buffer.from([4, 0, 0, 0]), Buffer.from('WEBPVP8 ')])],
    ];
    for (const [fileName, contentType, content] of files) {
      const res = await upload(ctx, w.helpdesk, caseId, messageId, { fileName, contentType, content });
      assert.equal(res.status, 201, `${contentType}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.attachment.contentType, contentType);
    }
  });

  it('refuses a file over 10 MiB with 413 and stores nothing', async () => {
    const { w, caseId, messageId } = await caseWithReply();
    const big = Buffer.concat([FILES.pdf, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload(ctx, w.helpdesk, caseId, messageId, { fileName: 'big.pdf', contentType: 'application/pdf', content: big });
    assert.equal(res.status, 413);
    assert.equal(res.body.code, 'ATTACHMENT_TOO_LARGE');
    assert.equal(res.body.maxBytes, 10 * 1024 * 1024);
    const exact = Buffer.concat([FILES.pdf, Buffer.alloc(10 * 1024 * 1024 - FILES.pdf.length)]);
    const fits = await upload(ctx, w.helpdesk, caseId, messageId, { fileName: 'fits.pdf', contentType: 'application/pdf', content: exact });
    assert.equal(fits.status, 201, 'exactly 10 MiB fits');
    assert.equal(await attachmentCount(caseId), 1);
  });

  it('refuses a type outside the allow-list and bytes that disagree with the declared type with 415', async () => {
    const { w, caseId, messageId } = await caseWithReply();
    const notAllowed: [string, string, Buffer | string][] = [
      ['page.html', 'text/html', '<script>alert(1)</script>'],
      ['icon.svg', 'image/svg+xml', '<svg/>'],
      ['run.exe', 'application/octet-stream', randomBytes(32)],
    ];
    for (const [fileName, contentType, content] of notAllowed) {
      const res = await upload(ctx, w.helpdesk, caseId, messageId, { fileName, contentType, content });
      assert.equal(res.status, 415, contentType);
      assert.equal(res.body.code, 'ATTACHMENT_TYPE_NOT_ALLOWED');
      assert.ok(res.body.allowed.includes('image/png'));
    }
    const mismatched: [string, string, Buffer][] = [
      ['fake.png', 'image/png', FILES.pdf],
      ['fake.pdf', 'application/pdf', FILES.text],
      ['fake.zip', 'application/zip', FILES.png],
      ['fake.txt', 'text/plain', FILES.png],
      ['fake.json', 'application/json', randomBytes(64)],
    ];
    for (const [fileName, contentType, content] of mismatched) {
      const res = await upload(ctx, w.helpdesk, caseId, messageId, { fileName, contentType, content });
      assert.equal(res.status, 415, `${fileName}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.code, 'ATTACHMENT_CONTENT_MISMATCH');
    }
    assert.equal(await attachmentCount(caseId), 0);
  });

  it('sanitizes the file name', async () => {
    const { w, caseId, messageId } = await caseWithReply();
    const res = await upload(ctx, w.helpdesk, caseId, messageId, { fileName: '../../etc/<evil>\u202Egnp.txt', contentType: 'text/plain', content: 'x' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.attachment.fileName, '_evil_gnp.txt');
    const dotted = await upload(ctx, w.helpdesk, caseId, messageId, { fileName: '.bashrc', contentType: 'text/plain', content: 'x' });
    assert.equal(dotted.body.attachment.fileName, 'bashrc');
  });

  it('takes exactly one file as multipart/form-data: none, two, extra fields or JSON are refused', async () => {
    const { w, caseId, messageId } = await caseWithReply();
    const url = `/api/v1/cases/${caseId}/messages/${messageId}/attachments`;
    const two = multipart([
      { name: 'file', fileName: 'a.txt', contentType: 'text/plain', content: 'a' },
      { name: 'file2', fileName: 'b.txt', contentType: 'text/plain', content: 'b' },
    ]);
    const res2 = await injectRaw(ctx, w.helpdesk, 'POST', url, two.payload, { 'content-type': two.contentType });
    assert.equal(res2.status, 400, JSON.stringify(res2.body));
    assert.equal(res2.body.code, 'VALIDATION_FAILED');
    const field = multipart([{ name: 'comment', content: 'hello' }, { name: 'file', fileName: 'a.txt', contentType: 'text/plain', content: 'a' }]);
    const resField = await injectRaw(ctx, w.helpdesk, 'POST', url, field.payload, { 'content-type': field.contentType });
    assert.equal(resField.status, 400);
    const none = multipart([]);
    const resNone = await injectRaw(ctx, w.helpdesk, 'POST', url, none.payload, { 'content-type': none.contentType });
    assert.equal(resNone.status, 400);
    assert.ok(resNone.body.errors.some((e: { field: string }) => e.field === 'body.file'));
    const json = await call(ctx, w.helpdesk, 'POST', url, { file: 'aGVsbG8=' });
    assert.equal(json.status, 415);
    assert.equal(json.body.code, 'UNSUPPORTED_MEDIA_TYPE');
    assert.equal(await attachmentCount(caseId), 0);
  });

  it('only the message\'s author organization attaches; a missing message is 404; a closed case takes no files', async () => {
    const { w, caseId, messageId } = await caseWithReply();
    const byCustomer = await upload(ctx, w.customer, caseId, messageId, { fileName: 'a.txt', contentType: 'text/plain', content: 'a' });
    assert.equal(byCustomer.status, 403);
    const otherAgent = await userOf(ctx, w.partner.org, ['admin_agent']);
    const sameOrg = await upload(ctx, otherAgent, caseId, messageId, { fileName: 'a.txt', contentType: 'text/plain', content: 'a' });
    assert.equal(sameOrg.status, 201, 'any worker of the author organization');
    const missing = await upload(ctx, w.helpdesk, caseId, 'msg_missing', { fileName: 'a.txt', contentType: 'text/plain', content: 'a' });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, 'MESSAGE_NOT_FOUND');
    const customerMessage = await postMessage(ctx, w.customer, caseId, 'replies', { body: 'My screenshot' });
    assert.equal((await upload(ctx, w.customer, caseId, customerMessage, { fileName: 's.png', contentType: 'image/png', content: FILES.png })).status, 201);
    assert.equal((await call(ctx, w.customer, 'POST', `/api/v1/cases/${caseId}/close`)).status, 200);
    const late = await upload(ctx, w.customer, caseId, customerMessage, { fileName: 's.png', contentType: 'image/png', content: FILES.png });
    assert.equal(late.status, 409);
    const unknown = await injectRaw(ctx, w.customer, 'GET', `/api/v1/cases/${caseId}/attachments/att_missing`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'ATTACHMENT_NOT_FOUND');
  });
});
