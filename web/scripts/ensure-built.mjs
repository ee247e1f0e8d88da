#!/usr/bin/env node
// Builds the console (vite build) before the server starts, when web/dist is missing or older
// than any of its sources or of the server schemas its types come from. `npm start` runs it, so a
// fresh checkout or a pull never needs a build by hand.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const built = path.join(web, 'dist', 'index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full));
    else latest = Math.max(latest, statSync(full).mtimeMs);
  }
  return latest;
}

const sources = [path.join(web, 'src'), path.join(web, 'index.html'), path.join(web, 'vite.config.ts'), path.join(web, 'package.json')];
const sourceTime = Math.max(...sources.map((s) => (statSync(s).isDirectory() ? newest(s) : statSync(s).mtimeMs)));
if (existsSync(built) && statSync(built).mtimeMs >= sourceTime) process.exit(0);

console.log(existsSync(built) ? 'The console changed since it was built: building it again…' : 'Building the web console (once)…');
const result = spawnSync(process.execPath, [path.join(web, '..', 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' });
if (result.status !== 0) {
  console.error('The console could not be built; the API still starts, and / says so.');
  process.exit(0);
}
