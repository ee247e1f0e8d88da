/**
 * The web console served by the API server: Vite's build of `web/` (CONSOLE_DIR, by default
 * `web/dist` of the checkout) on the same origin as the API, so the console needs no CORS and its
 * session cookie is the API's.
 *
 * Terminology:
 * - console directory: the build — `index.html`, content-hashed files under `assets/`, and any
 *   file Vite copied from `web/public/` beside `index.html`; each may have a `.br`/`.gz` beside it,
 *   sent to a browser that accepts that encoding.
 * - asset: a file under `/assets/`. Its name changes whenever its content does, so a browser may
 *   keep it for a year without asking again (`immutable`).
 * - page request: a GET or HEAD outside `/api` and `/assets/`, for a path whose last segment has no
 *   file extension, from a client that accepts HTML — a browser opening or reloading a console URL
 *   (`/cases/cas_1`). Every page request is answered `index.html` (`no-cache`: asked again each
 *   time, so a new build is seen at once), and the console's router decides what it shows, its
 *   own not-found page included.
 * - console request: an asset or a request the router found no API route for outside `/api`. It
 *   is the same for every visitor: it is neither authenticated nor counted by the rate limits.
 *
 * Everything else outside the API keeps the server's problem+json 404, and every unknown path
 * under `/api` stays an API answer.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Negotiator from 'negotiator';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Language } from '../core/app-error.ts';
import { languageOf } from './problems.ts';
import type { App } from './route-kit.ts';

/** The route of the assets (@fastify/static's wildcard route). */
const ASSETS_ROUTE = '/assets/*';

/** Whether a path (without its query) is the API's: `/api` and everything under it. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** Whether a request is the console's (see the terminology): no viewer and no rate limit for it. */
export function isConsoleRequest(req: FastifyRequest): boolean {
  if (req.routeOptions.url === ASSETS_ROUTE) return true;
  return req.is404 && !isApiPath(pathOf(req.url));
}

// A file beside index.html: one segment of plain characters, never a dot first (no `..`, no
// dotfiles) and never percent-encoded, so nothing but a file of the directory itself is named.
const TOP_LEVEL_FILE = /^\/([A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)+)$/;

/** Whether a path's last segment looks like a file name (`/favicon.ico`, `/x/app.js`), not a page. */
function hasFileExtension(pathname: string): boolean {
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return /\.[A-Za-z0-9]+$/.test(last);
}

function acceptsHtml(req: FastifyRequest): boolean {
  const accept = req.headers.accept;
  // No Accept header means anything (RFC 9110 §12.5.1).
  if (accept === undefined || accept.trim() === '') return true;
  return new Negotiator({ headers: { accept } }).mediaType(['text/html']) !== undefined;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const UNBUILT: Record<Language, { title: string; lines: string[] }> = {
  en: {
    title: 'The Switchboard console is not built yet',
    lines: [
      'This server has no built console to show.',
      'Run npm run build in the Switchboard folder, then reload this page.',
      'The API works meanwhile: its documentation is at /api/v1/docs.',
    ],
  },
  ko: {
    title: 'Switchboard 콘솔이 아직 빌드되지 않았습니다',
    lines: [
      '이 서버에는 보여 드릴 빌드된 콘솔이 없습니다.',
      'Switchboard 폴더에서 npm run build를 실행한 뒤 이 페이지를 새로 고치세요.',
      '그동안에도 API는 동작합니다. 문서는 /api/v1/docs에 있습니다.',
    ],
  },
};

/** The page a browser gets while the console directory has no index.html, in the request's language. */
export function unbuiltConsolePage(language: Language): string {
  const page = UNBUILT[language];
  const paragraphs = page.lines.map((line) => `<p>${escapeHtml(line).replace('npm run build', '<code>npm run build</code>').replace('/api/v1/docs', '<a href="/api/v1/docs">/api/v1/docs</a>')}</p>`);
  return [
    '<!doctype html>',
    `<html lang="${language}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style></head>',
    `<body><main><h1>${escapeHtml(page.title)}</h1>${paragraphs.join('')}</main></body>`,
    '</html>',
    '',
  ].join('\n');
}

/** What the not-found handler asks of the console. */
export interface ConsolePages {
  /**
   * Answers a request no route matched when it is the console's — a page request or a file beside
   * index.html that exists — and says so; false leaves the request to the problem+json 404.
   */
  answer(req: FastifyRequest, reply: FastifyReply): Promise<boolean>;
}

/**
 * Mounts the console of `dir`: the assets route (precompressed files preferred, kept a year), and
 * the pages and top-level files that the not-found handler hands to `answer`. The directory is
 * looked at on each request, never at start: the server starts without a build, answers 503 with
 * a page saying how to build, and shows a build made while it runs.
 */
export async function registerConsole(app: App, dir: string): Promise<ConsolePages> {
  const root = path.resolve(dir);
  const common = { preCompressed: true, index: false as const, dotfiles: 'ignore' as const, suppressWarning: true };
  // reply.sendFile, for index.html and the files beside it (the not-found handler answers those).
  await app.register(fastifyStatic, { ...common, root, serve: false });
  await app.register(async (assets) => {
    await assets.register(fastifyStatic, {
      ...common,
      root: path.join(root, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      wildcard: true,
      redirect: false,
      list: false,
      maxAge: '1y',
      immutable: true,
      schemaHide: true,
    });
    // A directory, or a path that would leave assets/, is no asset: the 404 of a missing one.
    assets.setErrorHandler((error: FastifyError, _req, reply) => {
      if (error.statusCode === 403 || error.statusCode === 404) return reply.callNotFound();
      throw error;
    });
  });

  return {
    async answer(req, reply) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const pathname = pathOf(req.url);
      if (isApiPath(pathname) || pathname === '/assets' || pathname.startsWith('/assets/')) return false;
      if (hasFileExtension(pathname)) {
        const name = TOP_LEVEL_FILE.exec(pathname)?.[1];
        if (!name || name === 'index.html' || /\.(br|gz)$/.test(name) || !(await isFile(path.join(root, name)))) return false;
        reply.header('cache-control', 'no-cache');
        reply.sendFile(name, root, { cacheControl: false });
        return true;
      }
      if (!acceptsHtml(req)) return false;
      // The answer depends on Accept: HTML here, problem details for the same path to an API client.
      reply.header('vary', 'accept');
      if (!(await isFile(path.join(root, 'index.html')))) {
        const language = languageOf(req);
        reply.code(503).type('text/html; charset=utf-8').header('content-language', language).header('cache-control', 'no-store')
          .send(unbuiltConsolePage(language));
        return true;
      }
      reply.header('cache-control', 'no-cache');
      reply.sendFile('index.html', root, { cacheControl: false });
      return true;
    },
  };
}
