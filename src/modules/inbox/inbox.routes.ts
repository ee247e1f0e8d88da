/** HTTP routes of the inbox: validate, call one use case, present. */
import { Type } from 'typebox';
import { requireViewer, type App } from '../../http/route-kit.ts';
import { errorResponses, PageOf } from '../../http/schemas.ts';
import type { InboxService } from './inbox.service.ts';
import { CustomerParams, ExportQuery, InboxItem, InboxQuery, ServiceRequest, ServiceRequestCollection } from './inbox.schemas.ts';

/** Mounts the inbox routes: the list of cases and a customer's export. */
export function registerInboxRoutes(app: App, deps: { inbox: InboxService }) {
  const { inbox } = deps;
  app.addSchema(InboxItem);
  app.addSchema(ServiceRequest);
  const tags = ['cases'];

  app.get('/cases', {
    schema: {
      tags, summary: 'Cases your organization holds or takes part in, newest update first, nearest SLA deadline first (sort=due) or most severe first (sort=severity); filter (due_before, breached, …), search, page',
      querystring: InboxQuery, response: { 200: PageOf(Type.Ref('InboxItem')), ...errorResponses },
    },
  }, async (req) => inbox.list(requireViewer(req), req.query));

  app.get('/customers/:customerId/cases/export', {
    schema: {
      tags, summary: 'A customer\'s cases as Partner Center service requests, with the notes you may see (the customer and its partners of record)',
      params: CustomerParams, querystring: ExportQuery,
      response: {
        200: {
          description: 'The service requests, as JSON or as CSV',
          content: {
            'application/json': { schema: ServiceRequestCollection },
            'text/csv': { schema: Type.String({ description: 'A header line, then one line per service request (UTF-8 with a byte-order mark)' }) },
          },
        },
        ...errorResponses,
      },
    },
  }, async (req, reply) => {
    const exported = await inbox.exportCustomerCases(requireViewer(req), req.params.customerId, req.query.format);
    if (exported.format === 'json') return reply.type('application/json; charset=utf-8').send(exported.body);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${exported.fileName}"`).send(exported.body);
  });
}
