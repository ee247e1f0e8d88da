/**
 * The reports' charts (Recharts, only in this chunk) and what makes them readable without sight:
 * each chart is one image with a label saying what it shows, and its numbers are always in a
 * table beside it — visually hidden until asked for, read by screen readers either way. Axis
 * ticks, legends and tooltips are formatted by react-intl in the viewer's language; the SVG's
 * own keyboard layer is off (the table is the way through the numbers).
 */
import { useId, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import {
  Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis,
} from 'recharts';

/** Colours told apart by people with the common colour-vision deficiencies (Okabe–Ito), darkened for contrast on white. */
export const SERIES_COLOURS = ['#0b5fa5', '#c45a00', '#117a5b', '#b0307a', '#6a4c93', '#8a6d00', '#2f6f8f', '#5b5b5b', '#7a3b10', '#3d6b1f'];

/** One line or bar series: its data key in the points and its name in the viewer's language. */
export interface Series {
  key: string;
  name: string;
}

/** One point of the x axis: its label and a value per series key. */
export type Point = { label: string } & Record<string, number | string | null>;

/** A chart with its caption and its numbers as a table (hidden until shown). */
export function ChartFigure({ title, summary, chart, table }: { title: string; summary: string; chart: ReactNode; table: ReactNode }) {
  const [shown, setShown] = useState(false);
  const tableId = useId();
  return (
    <figure className="report-figure">
      <figcaption className="report-figure-title">{title}</figcaption>
      <div className="report-chart" role="img" aria-label={summary}>{chart}</div>
      <button type="button" className="button button-ghost report-table-toggle" aria-expanded={shown} aria-controls={tableId} onClick={() => setShown((s) => !s)}>
        <FormattedMessage id={shown ? 'reports.table.hide' : 'reports.table.show'} />
      </button>
      <div id={tableId} className={shown ? 'table-wrap report-table' : 'visually-hidden'}>{table}</div>
    </figure>
  );
}

const tooltipStyle = { borderRadius: 6, border: '1px solid #d4d9e0' };

/** Lines over time (compliance): values 0–1 shown as percentages. */
export function PercentLines({ points, series }: { points: Point[]; series: Series[] }) {
  const intl = useIntl();
  const percent = (v: unknown) => (typeof v === 'number' ? intl.formatNumber(v, { style: 'percent', maximumFractionDigits: 0 }) : intl.formatMessage({ id: 'reports.noValue' }));
  return (
    <ResponsiveContainer width="100%" height={320}>
      <LineChart data={points} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#d4d9e0" />
        <XAxis dataKey="label" tick={{ fill: '#4d5560', fontSize: 12 }} />
        <YAxis domain={[0, 1]} tickFormatter={percent} tick={{ fill: '#4d5560', fontSize: 12 }} width={56} />
        <Tooltip formatter={(v) => percent(v)} contentStyle={tooltipStyle} />
        <Legend />
        {series.map((s, i) => (
          <Line key={s.key} dataKey={s.key} name={s.name} stroke={SERIES_COLOURS[i % SERIES_COLOURS.length]} strokeWidth={2} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Stacked bars over time (volume): counts. */
export function StackedBars({ points, series }: { points: Point[]; series: Series[] }) {
  const intl = useIntl();
  const count = (v: unknown) => (typeof v === 'number' ? intl.formatNumber(v) : '');
  return (
    <ResponsiveContainer width="100%" height={320}>
      <BarChart data={points} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#d4d9e0" />
        <XAxis dataKey="label" tick={{ fill: '#4d5560', fontSize: 12 }} />
        <YAxis allowDecimals={false} tickFormatter={count} tick={{ fill: '#4d5560', fontSize: 12 }} width={48} />
        <Tooltip formatter={(v) => count(v)} contentStyle={tooltipStyle} />
        <Legend />
        {series.map((s, i) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} stackId="volume" fill={SERIES_COLOURS[i % SERIES_COLOURS.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Horizontal bars per party or offer: hours (holding) or shares met on time (offers). */
export function HorizontalBars({ points, series, unit }: { points: Point[]; series: Series[]; unit: 'hour' | 'percent' }) {
  const intl = useIntl();
  const format = (v: unknown) => (typeof v !== 'number' ? intl.formatMessage({ id: 'reports.noValue' })
    : unit === 'percent' ? intl.formatNumber(v, { style: 'percent', maximumFractionDigits: 0 })
      : intl.formatNumber(v, { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 1 }));
  const height = Math.max(160, 60 + points.length * 44);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={points} layout="vertical" accessibilityLayer={false} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#d4d9e0" />
        <XAxis type="number" tickFormatter={format} domain={unit === 'percent' ? [0, 1] : [0, 'auto']} tick={{ fill: '#4d5560', fontSize: 12 }} />
        <YAxis type="category" dataKey="label" width={170} tick={{ fill: '#4d5560', fontSize: 12 }} />
        <Tooltip formatter={(v) => format(v)} contentStyle={tooltipStyle} />
        <Legend />
        {series.map((s, i) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} fill={SERIES_COLOURS[i % SERIES_COLOURS.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
