/**
 * HTTP routes of cases: validate (the body by its schema, If-Match by `parseIfMatch`), call one
 * use case, present (with the case's ETag).
 */
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, isAppError } from '../../core/app-error.ts';
import { attachmentDisposition, etagOf, MAX_ATTACHMENT_BYTES } from '../../core/case-rules.ts';
import { validationFailed } from '../../core/common-errors.ts';
import { parseIfMatch, type ExpectedVersion } from '../../core/if-match.ts';
import { requireViewer, type App } from '../../http/route-kit.ts';
import { errorResponses, PageOf, PageQuery } from '../../http/schemas.ts';
import { caseErrors } from './cases.errors.ts';
import type { CaseService, UploadedFile } from './cases.service.ts';
import {
  AddToCaseHeaders, AssignBody, Attachment, AttachmentParams, AttachmentResult, Case, CaseParams, EscalateBody, Event, ExternalReferenceBody, IfMatchHeaders,
  Message, MessageParams, MessageResult, NoteBody, OpenCaseBody, OpenCaseHeaders, ReasonBody, RerouteBody, ReplyBody, RoutingRule, UploadBody,
  type PresentedCase,
} from './cases.schemas.ts';

const ProblemRef = Type.Ref('Problem');
const errors = { ...errorResponses, 412: ProblemRef, 413: ProblemRef, 415: ProblemRef };

/** Answers a case with its version as ETag. */
function sendCase(reply: FastifyReply, c: PresentedCase, status = 200) {
  return reply.code(status).header('etag', etagOf(c.version)).send(c);
}

/** The version a change is based on, from its If-Match header; a malformed header is refused (400). */
function expectedVersionOf(header: string | undefined): ExpectedVersion {
  const reading = parseIfMatch(header);
  if (!reading.ok) throw caseErrors.malformedIfMatch();
  return reading.expected;
}

/** Lets an action whose body is all optional be sent without one. */
async function emptyBodyIsEmptyObject(req: FastifyRequest): Promise<void> {
  if (req.body === undefined || req.body === null) (req as { body: unknown }).body = {};
}

/** Reads the one file of a multipart upload, mapping the parser's refusals to our codes. */
async function readOneFile(req: FastifyRequest): Promise<UploadedFile> {
  let file: UploadedFile | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') throw validationFailed(`body.${part.fieldname}`, 'is not a known field; send only the file');
      file = { fileName: part.filename, contentType: part.mimetype, bytes: await part.toBuffer() };
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw caseErrors.attachmentTooLarge(MAX_ATTACHMENT_BYTES);
    if (code === 'FST_FILES_LIMIT') throw validationFailed('body.file', 'send exactly one file');
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw validationFailed('body', 'send only the file');
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data.');
    if (code === 'FST_PROTO_VIOLATION') throw validationFailed('body', 'is not a valid form');
    if (isAppError(e)) throw e;
    // Whatever else the parser (busboy) raises — no boundary, a malformed part, a cut-off body —
    // comes from the bytes the client sent.
    throw validationFailed('body', 'is not a valid multipart/form-data body (with a boundary in Content-Type)');
  }
  if (!file) throw validationFailed('body.file', 'is required: send one file as multipart/form-data');
  return file;
}

/** Mounts the case routes: opening, reading and working a case (the list is the inbox's). */
export function registerCaseRoutes(app: App, deps: { cases: CaseService }) {
  const { cases } = deps;
  app.addSchema(RoutingRule);
  app.addSchema(Attachment);
  app.addSchema(Message);
  app.addSchema(Event);
  app.addSchema(Case);
  const tags = ['cases'];
  const one = { 200: Type.Ref('Case'), ...errors };

  // Encapsulated so that multipart bodies are parsed for these routes only.
  void app.register(async (scope) => {
    const r = scope as unknown as App;
    await r.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 0, parts: 1 } });

    r.post('/cases', {
      schema: {
        tags, summary: 'Open a case: routing places it with its first holder (customers, partner agents, publishers, the operator); idempotent by the optional Idempotency-Key',
        headers: OpenCaseHeaders, body: OpenCaseBody, response: { 201: Type.Ref('Case'), ...errors },
      },
    }, async (req, reply) => {
      const result = await cases.open(requireViewer(req), req.headers['idempotency-key'], req.body);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return sendCase(reply, result.case, 201);
    });

    r.get('/cases/:caseId', {
      schema: { tags, summary: 'One case with its participants, holder, assignee, responsible, routing and what you may do to it now (allowedActions); ETag is its version', params: CaseParams, response: one },
    }, async (req, reply) => sendCase(reply, await cases.get(requireViewer(req), req.params.caseId)));

    r.get('/cases/:caseId/messages', {
      schema: { tags, summary: 'The messages of a case you may see, oldest first, with their attachments', params: CaseParams, querystring: Type.Object(PageQuery), response: { 200: PageOf(Type.Ref('CaseMessage')), ...errors } },
    }, async (req) => cases.listMessages(requireViewer(req), req.params.caseId, req.query));

    r.get('/cases/:caseId/events', {
      schema: { tags, summary: 'The history of a case you may see, oldest first', params: CaseParams, querystring: Type.Object(PageQuery), response: { 200: PageOf(Type.Ref('CaseEvent')), ...errors } },
    }, async (req) => cases.listEvents(requireViewer(req), req.params.caseId, req.query));

    r.post('/cases/:caseId/replies', {
      schema: { tags, summary: 'A public message; the holder may wait on the customer (awaitingCustomer), the customer\'s answer opens the case', params: CaseParams, headers: AddToCaseHeaders, body: ReplyBody, response: { 201: MessageResult, ...errors } },
    }, async (req, reply) => {
      const result = await cases.reply(requireViewer(req), req.params.caseId, expectedVersionOf(req.headers['if-match']), req.body, req.headers['idempotency-key']);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).header('etag', etagOf(result.case.version)).send(result);
    });

    r.post('/cases/:caseId/notes', {
      schema: { tags, summary: 'A note for your organization (internal) or for every participant but the customer (partners); not for customers', params: CaseParams, headers: AddToCaseHeaders, body: NoteBody, response: { 201: MessageResult, ...errors } },
    }, async (req, reply) => {
      const result = await cases.note(requireViewer(req), req.params.caseId, expectedVersionOf(req.headers['if-match']), req.body, req.headers['idempotency-key']);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).header('etag', etagOf(result.case.version)).send(result);
    });

    r.post('/cases/:caseId/assign', {
      schema: { tags, summary: 'Give the case to a user of the holding organization (the holder)', params: CaseParams, headers: IfMatchHeaders, body: AssignBody, response: one },
    }, async (req, reply) => sendCase(reply, await cases.assign(requireViewer(req), req.params.caseId, expectedVersionOf(req.headers['if-match']), req.body)));

    const withReason = { params: CaseParams, headers: IfMatchHeaders, body: ReasonBody, response: one };
    r.post('/cases/:caseId/forward', {
      preValidation: emptyBodyIsEmptyObject,
      schema: { tags, summary: 'Hand a technical case to the offer\'s publisher; the partner stays on it (a partner holder)', ...withReason },
    }, async (req, reply) => sendCase(reply, await cases.forward(requireViewer(req), req.params.caseId, expectedVersionOf(req.headers['if-match']), req.body)));

    r.post('/cases/:caseId/escalate', {
      preValidation: emptyBodyIsEmptyObject,
      schema: {
        tags, summary: 'Move the case up a tier: a reseller to its provider; a partner or publisher to the operator for commerce and partner categories (the holder). Name the tier as `target` (the case\'s allowedActions list the ones allowed); another one is refused with the allowed ones',
        ...withReason, body: EscalateBody,
      },
    }, async (req, reply) => sendCase(reply, await cases.escalate(requireViewer(req), req.params.caseId, expectedVersionOf(req.headers['if-match']), req.body)));

    r.post('/cases/:caseId/hand-back', {
      preValidation: emptyBodyIsEmptyObject,
      schema: { tags, summary: 'Return the case to the organization that forwarded or escalated it to you (the holder)', ...withReason },
    }, async (req, reply) => sendCase(reply, await cases.handBack(requireViewer(req), req.params.caseId, expectedVersionOf(req.headers['if-match']), req.body)));

    r.post('/cases/:caseId/reroute', {
      schema: { tags, summary: 'Change the category: routing runs again, with the reason recorded (the holder)', params: CaseParams, headers: IfMatchHeaders, body: RerouteBody, response: one },
    }, async (req, reply) => sendCase(reply, await cases.reroute(requireViewer(req), req.params.caseId, expectedVersionOf(req.headers['if-match']), req.body)));

    r.post('/cases/:caseId/resolve', {
      preValidation: emptyBodyIsEmptyObject,
      schema: { tags, summary: 'Resolve the case (the holder)', ...withReason },
    }, async (req, reply) => sendCase(reply, await cases.resolve(requireViewer(req), req.params.caseId, expectedVersionOf(req.headers['if-match']), req.body)));

    r.post('/cases/:caseId/reopen', {
      preValidation: emptyBodyIsEmptyObject,
      schema: { tags, summary: 'Reopen a resolved case (the holder, customer or requester)', ...withReason },
    }, async (req, reply) => sendCase(reply, await cases.reopen(requireViewer(req), req.params.caseId, expectedVersionOf(req.headers['if-match']), req.body)));

    r.post('/cases/:caseId/close', {
      preValidation: emptyBodyIsEmptyObject,
      schema: { tags, summary: 'Close the case for good (the customer or requester; the holder once resolved)', ...withReason },
    }, async (req, reply) => sendCase(reply, await cases.close(requireViewer(req), req.params.caseId, expectedVersionOf(req.headers['if-match']), req.body)));

    r.put('/cases/:caseId/external-reference', {
      schema: { tags, summary: 'Record your own ticket number on the case (the publisher taking part)', params: CaseParams, headers: IfMatchHeaders, body: ExternalReferenceBody, response: one },
    }, async (req, reply) => sendCase(reply, await cases.setExternalReference(requireViewer(req), req.params.caseId, expectedVersionOf(req.headers['if-match']), req.body)));

    r.post('/cases/:caseId/messages/:messageId/attachments', {
      // The parts are read as a stream in the handler, so the body to validate is empty.
      preValidation: emptyBodyIsEmptyObject,
      schema: {
        tags, summary: `Attach one file (multipart/form-data, at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB; png, jpeg, gif, webp, pdf, text, csv, json, zip) to a message of your organization`,
        consumes: ['multipart/form-data'], params: MessageParams, headers: AddToCaseHeaders, body: UploadBody, response: { 201: AttachmentResult, ...errors },
      },
    }, async (req, reply) => {
      const viewer = requireViewer(req);
      const file = await readOneFile(req);
      const result = await cases.attach(viewer, req.params.caseId, req.params.messageId, expectedVersionOf(req.headers['if-match']), file, req.headers['idempotency-key']);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).header('etag', etagOf(result.case.version)).send(result);
    });

    r.get('/cases/:caseId/attachments/:attachmentId', {
      schema: {
        tags, summary: 'Download an attachment (as a file, never rendered); 404 unless you may see its message', params: AttachmentParams,
        response: { 200: { description: 'The file\'s bytes, with its content type', content: { 'application/octet-stream': { schema: Type.String({ format: 'binary' }) } } }, ...errors },
      },
    }, async (req, reply) => {
      const file = await cases.download(requireViewer(req), req.params.caseId, req.params.attachmentId);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('repr-digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`)
        .send(file.content);
    });
  });
}
