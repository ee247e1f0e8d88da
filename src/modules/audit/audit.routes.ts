/** HTTP routes of the audit log: validate, call one use case, present. */
import { Type } from 'typebox';
import { requireViewer, type App } from '../../http/route-kit.ts';
import { errorResponses, PageOf } from '../../http/schemas.ts';
import type { AuditService } from './audit.service.ts';
import { AuditEntry, AuditExportQuery, AuditListQuery } from './audit.schemas.ts';

/** Mounts the audit log routes: the log as pages and as CSV. */
export function registerAuditRoutes(app: App, deps: { audit: AuditService }) {
  const { audit } = deps;
  app.addSchema(AuditEntry);
  const tags = ['audit'];

  app.get('/audit-log', {
    schema: {
      tags, summary: 'Your organization\'s audit log, newest first; the operator reads every organization\'s (audit.read)',
      querystring: AuditListQuery, response: { 200: PageOf(Type.Ref('AuditEntry')), ...errorResponses },
    },
  }, async (req) => audit.list(requireViewer(req), req.query));

  app.get('/audit-log.csv', {
    schema: {
      tags, summary: 'The filtered audit log as CSV, newest first, streamed (audit.read)',
      querystring: AuditExportQuery,
      response: {
        200: {
          description: 'A header line, then one line per entry (UTF-8 with a byte-order mark; changes and details as JSON)',
          content: { 'text/csv': { schema: Type.String() } },
        },
        ...errorResponses,
      },
    },
  }, async (req, reply) => {
    const exported = await audit.exportCsv(requireViewer(req), req.query);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${exported.fileName}"`).send(exported.stream);
  });
}
