/**
 * HTTP routes of SLA reports: validate the query by its schema, call one use case, answer JSON or
 * CSV — `?format=csv`, or `Accept: text/csv` as the first media type named (`format` wins).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { REPORT_DIMENSIONS, VOLUME_DIMENSIONS, type ReportDimension, type VolumeDimension } from '../../core/sla-reports.ts';
import { requireViewer, type App } from '../../http/route-kit.ts';
import { errorResponses } from '../../http/schemas.ts';
import type { CsvExport, SlaReportService } from './sla.reports.ts';
import {
  CaseHolding, ComplianceQuery, ComplianceReport, ComplianceRow, HoldingQuery, HoldingReport, HoldingSummary, HoldingSummaryQuery, OffersQuery, OffersReport, VolumeQuery, VolumeReport,
} from './sla.reports.schemas.ts';

/** Whether the request asks for CSV. */
function wantsCsv(req: FastifyRequest, format: 'json' | 'csv' | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  const first = (req.headers.accept ?? '').split(',')[0]?.split(';')[0]?.trim().toLowerCase();
  return first === 'text/csv';
}

function sendCsv(reply: FastifyReply, exported: CsvExport) {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${exported.fileName}"`).send(exported.stream);
}

const groupByOf = (text: string | undefined): ReportDimension[] | undefined =>
  (text === undefined ? undefined : text.split(',').filter((d): d is ReportDimension => (REPORT_DIMENSIONS as readonly string[]).includes(d)));

const csvAnswer = (description: string) => ({ 'text/csv': { schema: Type.String({ description }) } });
const who = 'partner global_admin, admin_agent; publisher_admin, publisher_viewer; operator_admin (sla.reports)';

/** Mounts the SLA report routes. */
export function registerSlaReportRoutes(app: App, deps: { reports: SlaReportService }) {
  const { reports } = deps;
  app.addSchema(ComplianceRow);
  app.addSchema(CaseHolding);
  const tags = ['sla reports'];

  app.get('/sla-reports/compliance', {
    schema: {
      tags,
      summary: `SLA compliance over a period (the cases opened in it): per party, offer, category and severity, first responses and resolutions met, breached, open and ended, with the median and 90th percentile business minutes to meet them — your organization's own clocks; the operator every party's (${who})`,
      querystring: ComplianceQuery,
      response: {
        200: {
          description: 'The report as JSON, or as CSV (UTF-8 with a byte-order mark): the dimensions\' columns, cases, then each target\'s figures',
          content: { 'application/json': { schema: ComplianceReport }, ...csvAnswer('One line per row of the report') },
        },
        ...errorResponses,
      },
    },
  }, async (req, reply) => {
    const viewer = requireViewer(req);
    const q = { from: req.query.from, to: req.query.to, groupBy: groupByOf(req.query.groupBy), interval: req.query.interval };
    if (wantsCsv(req, req.query.format)) return sendCsv(reply, await reports.complianceCsv(viewer, q));
    return reply.type('application/json; charset=utf-8').send(await reports.compliance(viewer, q));
  });

  app.get('/sla-reports/volume', {
    schema: {
      tags,
      summary: `Case volume over a period (the cases opened in it): per category, offer and severity, by week or month when asked — how many were opened and how many are resolved or closed; the cases your organization takes part in, a publisher's also those about its offers, the operator every case (${who})`,
      querystring: VolumeQuery,
      response: {
        200: { description: 'The counts as JSON, or as CSV: the bucket\'s and dimensions\' columns, opened, done', content: { 'application/json': { schema: VolumeReport }, ...csvAnswer('One line per row of the report') } },
        ...errorResponses,
      },
    },
  }, async (req, reply) => {
    const viewer = requireViewer(req);
    const groupBy = req.query.groupBy?.split(',').filter((d): d is VolumeDimension => (VOLUME_DIMENSIONS as readonly string[]).includes(d));
    const q = { from: req.query.from, to: req.query.to, groupBy, interval: req.query.interval };
    if (wantsCsv(req, req.query.format)) return sendCsv(reply, await reports.volumeCsv(viewer, q));
    return reply.type('application/json; charset=utf-8').send(await reports.volume(viewer, q));
  });

  app.get('/sla-reports/holding/summary', {
    schema: {
      tags,
      summary: `How long each party held the cases opened in the period, per party: cases, times received, median, 90th percentile and total business minutes, wall-clock and waiting totals — your organization's own; the operator every party's (${who})`,
      querystring: HoldingSummaryQuery,
      response: {
        200: { description: 'The summary as JSON, or as CSV', content: { 'application/json': { schema: HoldingSummary }, ...csvAnswer('One line per party') } },
        ...errorResponses,
      },
    },
  }, async (req, reply) => {
    const viewer = requireViewer(req);
    const q = { from: req.query.from, to: req.query.to };
    if (wantsCsv(req, req.query.format)) return sendCsv(reply, await reports.holdingSummaryCsv(viewer, q));
    return reply.type('application/json; charset=utf-8').send(await reports.holdingSummary(viewer, q));
  });

  app.get('/sla-reports/offers', {
    schema: {
      tags,
      summary: 'SLA counts per offer over a period: every party\'s clocks on the cases opened in it about your own offers (publisher_admin, publisher_viewer) or about any offer (operator_admin); met, breached, open and ended, no party named',
      querystring: OffersQuery,
      response: {
        200: { description: 'The counts as JSON, or as CSV', content: { 'application/json': { schema: OffersReport }, ...csvAnswer('One line per offer') } },
        ...errorResponses,
      },
    },
  }, async (req, reply) => {
    const viewer = requireViewer(req);
    const q = { from: req.query.from, to: req.query.to };
    if (wantsCsv(req, req.query.format)) return sendCsv(reply, await reports.offersCsv(viewer, q));
    return reply.type('application/json; charset=utf-8').send(await reports.offers(viewer, q));
  });

  app.get('/sla-reports/holding', {
    schema: {
      tags,
      summary: `How long each party held each case opened in the period (wall-clock, business and waiting-on-the-customer minutes, from the case history): the cases your organization held with its own holding; the operator every party's. JSON is cursor-paged by case; CSV is the whole period, one line per case and party, streamed (${who})`,
      querystring: HoldingQuery,
      response: {
        200: { description: 'A page of cases as JSON, or the whole report as CSV', content: { 'application/json': { schema: HoldingReport }, ...csvAnswer('One line per case and party') } },
        ...errorResponses,
      },
    },
  }, async (req, reply) => {
    const viewer = requireViewer(req);
    const q = { from: req.query.from, to: req.query.to };
    if (wantsCsv(req, req.query.format)) return sendCsv(reply, await reports.holdingCsv(viewer, q));
    return reply.type('application/json; charset=utf-8').send(await reports.holding(viewer, { ...q, cursor: req.query.cursor, limit: req.query.limit }));
  });
}
