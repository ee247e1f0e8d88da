/**
 * Files on a case: attach one to a message of the viewer's organization (idempotent by
 * Idempotency-Key, operation `cases.attach`), and download one's bytes. An attachment is as
 * visible as its message; whoever may not see the message gets 404 for the file.
 */
import { createHash } from 'node:crypto';
import { ATTACHMENT_CONTENT_TYPES, canReadCases, checkAttachment, MAX_ATTACHMENT_BYTES, sanitizeFileName } from '../../core/case-rules.ts';
import type { ExpectedVersion } from '../../core/if-match.ts';
import type { Viewer } from '../../core/parties.ts';
import { act, type CaseDeps } from './cases.acting.ts';
import { caseErrors } from './cases.errors.ts';
import { presentAttachment } from './cases.presenters.ts';
import * as repo from './cases.repository.ts';
import type { PresentedAttachment, PresentedCase } from './cases.schemas.ts';

/** An uploaded file, as the route read it. */
export interface UploadedFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** The bytes of an attachment and how to send them. */
export interface AttachmentDownload {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
}

/** An attachment with the case after it; `replayed` when an Idempotency-Key's first answer is given again. */
export interface AttachmentAdded {
  attachment: PresentedAttachment;
  case: PresentedCase;
  replayed?: boolean;
}

function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Attaches a file to a message of the viewer's organization: an allowed type whose bytes match
 * it, at most 10 MiB, its name sanitized and its SHA-256 stored; as visible as the message. The
 * file is judged once the reducer accepted the attachment, so a case that refuses it says so first.
 */
export async function attach(deps: CaseDeps, viewer: Viewer, caseId: string, messageId: string, expected: ExpectedVersion, file: UploadedFile, idempotencyKey?: string): Promise<AttachmentAdded> {
  const sha256 = sha256Of(file.bytes);
  // The file is in the fingerprint by its hash, name and declared type.
  const fileInput = { caseId, messageId, fileName: file.fileName, contentType: file.contentType, sha256 };
  const r = await act(deps, viewer, caseId, expected, 'attach', async (a) => {
    const message = await repo.findMessage(a.tx, viewer, a.c.id, messageId);
    if (!message) throw caseErrors.messageNotFound();
    const check = checkAttachment(file.contentType, file.bytes);
    const meta = {
      id: deps.newId('caseAttachment', a.at.getTime()), case_id: a.c.id, message_id: message.id, author_org_id: viewer.orgId,
      visibility: message.visibility, file_name: sanitizeFileName(file.fileName), content_type: check.ok ? check.contentType : check.declared,
      size_bytes: file.bytes.length, sha256, created_at: a.at,
    };
    return {
      command: {
        type: 'attach', messageId: message.id, messageAuthorOrgId: message.author_org_id, attachmentId: meta.id, fileName: meta.file_name,
        contentType: meta.content_type, sizeBytes: meta.size_bytes, visibility: message.visibility,
      },
      store: async () => {
        if (file.bytes.length > MAX_ATTACHMENT_BYTES) throw caseErrors.attachmentTooLarge(MAX_ATTACHMENT_BYTES);
        if (!check.ok && check.reason === 'type_not_allowed') throw caseErrors.attachmentTypeNotAllowed(check.declared, ATTACHMENT_CONTENT_TYPES);
        if (!check.ok) throw caseErrors.attachmentContentMismatch(check.declared, check.detected);
        await repo.insertAttachment(a.tx, { ...meta, content: file.bytes });
        return presentAttachment(meta);
      },
    };
  }, { key: idempotencyKey, operation: 'cases.attach', input: fileInput });
  return { attachment: r.result!, case: r.case, ...(r.replayed ? { replayed: true } : {}) };
}

/** An attachment's bytes, for those who see its message; 404 for everyone else. */
export async function download(deps: CaseDeps, viewer: Viewer, caseId: string, attachmentId: string): Promise<AttachmentDownload> {
  return deps.db.withTenant(viewer, async (tx) => {
    if (!(await repo.findCase(tx, viewer, caseId))) throw caseErrors.notFound();
    const a = await repo.findAttachment(tx, viewer, caseId, attachmentId);
    if (!a) throw caseErrors.attachmentNotFound();
    if (!canReadCases(viewer.roles)) throw caseErrors.readDenied();
    return { fileName: a.file_name, contentType: a.content_type, sizeBytes: a.size_bytes, sha256: a.sha256, content: a.content };
  });
}
