/**
 * The console's message catalogues (web/src/i18n/<locale>/<area>.json): both languages have the
 * same areas and keys, every message is valid ICU with the same arguments in both, no key is
 * defined by two areas, Korean is not English left untranslated, and every message id the code
 * names literally exists.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

const web = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');
const i18n = path.join(web, 'src', 'i18n');
const LOCALES = ['en', 'ko'] as const;
/** Korean messages that are rightly the same as the English (names, codes). */
const SAME_IN_BOTH = new Set(['Switchboard', 'CSV', 'ID', 'URL', 'API', 'ETag']);

function catalogue(locale: string): Map<string, Record<string, string>> {
  const dir = path.join(i18n, locale);
  return new Map(readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => [f, JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, string>]));
}

function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) into.add(e.value);
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      into.add(e.value);
      for (const option of Object.values(e.options)) argumentsOf(option.value, into);
    }
    if (e.type === TYPE.tag) { into.add(`<${e.value}>`); argumentsOf(e.children, into); }
  }
  return into;
}

const catalogues = Object.fromEntries(LOCALES.map((l) => [l, catalogue(l)])) as Record<(typeof LOCALES)[number], Map<string, Record<string, string>>>;

test('both languages have the same areas and the same keys in each', () => {
  assert.deepEqual([...catalogues.ko.keys()], [...catalogues.en.keys()]);
  for (const [file, en] of catalogues.en) {
    const ko = catalogues.ko.get(file)!;
    assert.deepEqual(Object.keys(ko).sort(), Object.keys(en).sort(), `${file}: keys differ`);
  }
});

test('no key is defined by two areas', () => {
  for (const locale of LOCALES) {
    const seen = new Map<string, string>();
    for (const [file, messages] of catalogues[locale]) {
      for (const key of Object.keys(messages)) {
        assert.ok(!seen.has(key), `${locale}: ${key} is in ${seen.get(key)} and ${file}`);
        seen.set(key, file);
      }
    }
  }
});

test('every message is non-empty ICU with the same arguments in both languages', () => {
  for (const [file, en] of catalogues.en) {
    const ko = catalogues.ko.get(file)!;
    for (const [key, english] of Object.entries(en)) {
      const korean = ko[key]!;
      assert.ok(english.trim() && korean?.trim(), `${file} ${key}: empty`);
      const a = argumentsOf(parse(english, { ignoreTag: false }));
      const b = argumentsOf(parse(korean, { ignoreTag: false }));
      assert.deepEqual([...b].sort(), [...a].sort(), `${file} ${key}: arguments differ between en and ko`);
    }
  }
});

test('Korean messages are translated, not English copied', () => {
  const untranslated: string[] = [];
  for (const [file, en] of catalogues.en) {
    const ko = catalogues.ko.get(file)!;
    for (const [key, english] of Object.entries(en)) {
      // Words outside the arguments: `{plan} · {market}` is the same in both languages.
      const words = english.replace(/\{[A-Za-z0-9_]+\}/g, '');
      if (ko[key] === english && /[A-Za-z]{3,}/.test(words) && !SAME_IN_BOTH.has(english)) untranslated.push(`${file} ${key}`);
    }
  }
  assert.deepEqual(untranslated, []);
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(tsx?|mts)$/.test(name) ? [full] : [];
  });
}

test('every message id the console names literally is in the catalogues', () => {
  const known = new Set([...catalogues.en.values()].flatMap((m) => Object.keys(m)));
  const missing: string[] = [];
  const patterns = [/formatMessage\(\s*\{\s*id:\s*'([^']+)'/g, /<FormattedMessage\s+id="([^"]+)"/g, /<FormattedMessage\s+id=\{'([^']+)'\}/g];
  for (const file of sources(path.join(web, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const m of text.matchAll(pattern)) if (!known.has(m[1]!)) missing.push(`${path.relative(web, file)}: ${m[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});
