/**
 * The code → status map of the HTTP edge. Each context's error catalogue carries its codes'
 * statuses (`CASE_ERRORS` in `cases.errors.ts`, `COMMON_ERRORS` in src/core); the map is composed
 * where the application is wired (`src/main/application.ts`) and handed to the server. This file
 * names no context, so nothing here pulls the contexts — and with them every route — into the
 * imports of the HTTP layer.
 */
import type { ErrorCatalogue, ErrorCode, ErrorStatus } from '../core/app-error.ts';

/** Every code's status: typed over every code of the program, so a catalogue left out does not compile. */
export type ErrorStatuses = Readonly<Record<ErrorCode, ErrorStatus>>;

/** The codes of a list of catalogues. */
type CodesOf<Catalogues extends readonly ErrorCatalogue[]> = { [I in keyof Catalogues]: keyof Catalogues[I] & string }[number];

/**
 * One map from the catalogues. A code several contexts share (`OFFER_NOT_FOUND`) must have the
 * same status in each: two statuses for one code throw, so the application does not start.
 */
export function composeErrorStatuses<const Catalogues extends readonly ErrorCatalogue[]>(
  catalogues: Catalogues,
): Readonly<Record<CodesOf<Catalogues>, ErrorStatus>> {
  const statuses = new Map<string, ErrorStatus>();
  for (const catalogue of catalogues) {
    for (const [code, status] of Object.entries(catalogue)) {
      const known = statuses.get(code);
      if (known !== undefined && known !== status) throw new Error(`Error code ${code} has two statuses in the catalogues: ${known} and ${status}.`);
      statuses.set(code, status);
    }
  }
  return Object.freeze(Object.fromEntries(statuses)) as Record<CodesOf<Catalogues>, ErrorStatus>;
}

/** The status of a code, 500 for a code the map does not know (a bug, logged as such). */
export function statusIn(statuses: ErrorStatuses, code: string): number {
  return Object.hasOwn(statuses, code) ? (statuses as Readonly<Record<string, ErrorStatus>>)[code]! : 500;
}
