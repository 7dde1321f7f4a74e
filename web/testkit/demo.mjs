// Shared start-up of the Chromium test runners (web/browser, web/hostile,
// web/compat): the demo Store API server built from ./cmd/demo on a free
// loopback port with a throw-away data folder, and headless Chromium from
// Debian (CHROMIUM overrides the path). The e2e runner keeps its own
// helpers (it restarts the server and needs the back/forward cache).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Builds and starts the demo server; resolves with {server, base} once it
 * printed its URL, rejects when it exits first or says nothing for 15 s.
 * extraArgs are appended to the server's flags. The server is killed when
 * this process exits.
 */
export async function startDemoServer(prefix, extraArgs = []) {
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  execFileSync('go', ['build', '-o', join(tmp, 'demo'), './cmd/demo'], { cwd: root, stdio: 'inherit' });
  const server = spawn(join(tmp, 'demo'), [
    '-addr', '127.0.0.1', '-port', '0', '-data', join(tmp, 'data'), '-web', join(root, 'web'), ...extraArgs
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  process.once('exit', () => { if (server.exitCode === null) server.kill('SIGKILL'); });
  const base = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + out)), 15000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = /Demo checkout: (http:\/\/\S+?)\/?\s/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.stderr.on('data', (d) => { out += d; });
    server.on('exit', (code) => { clearTimeout(timer); reject(new Error('server exited ' + code + ': ' + out)); });
  });
  return { server, base, tmp };
}

/** Headless Chromium with the flags every runner uses, plus extraArgs. */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', ...extraArgs],
  });
}
