#!/usr/bin/env node
// The JavaScript a browser loads for the console's first pages, from the build's manifest
// (web/dist/.vite/manifest.json): the entry with its static imports (the sign-in page), then
// home after signing in (the home page's chunk and the English catalogues). Prints raw,
// gzip and brotli sizes of the files the build wrote. Run after `npm run build`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

// The build to measure: web/dist, or the directory given (`node web/scripts/bundle-size.mjs /tmp/build`).
const dist = process.argv[2] ? path.resolve(process.argv[2]) : path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'dist');
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));

function closure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    closure(manifest[key]?.imports ?? [], seen);
  }
  return seen;
}

function sizes(files) {
  let raw = 0, gzip = 0, brotli = 0;
  for (const file of files) {
    const full = path.join(dist, file);
    const bytes = readFileSync(full);
    raw += bytes.length;
    gzip += existsSync(`${full}.gz`) ? statSync(`${full}.gz`).size : gzipSync(bytes).length;
    brotli += existsSync(`${full}.br`) ? statSync(`${full}.br`).size : brotliCompressSync(bytes).length;
  }
  return { files: files.length, raw, gzip, brotli };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const jsOf = (keys) => [...keys].map((k) => manifest[k]?.file).filter((f) => f && f.endsWith('.js'));
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const first = closure([entry]);
const find = (needle) => Object.keys(manifest).filter((k) => k.includes(needle));
const home = closure([...first, ...find('pages/home/HomePage'), ...find('i18n/en/')]);
const all = Object.values(manifest).map((c) => c.file).filter((f) => f.endsWith('.js'));

for (const [name, files] of [['sign-in page (entry and its imports)', jsOf(first)], ['home after sign-in (+ home chunk, English catalogues)', jsOf(home)], ['every chunk of the console', all]]) {
  const s = sizes([...new Set(files)]);
  console.log(`${name}: ${s.files} files, ${kb(s.raw)} raw, ${kb(s.gzip)} gzip, ${kb(s.brotli)} brotli`);
}
