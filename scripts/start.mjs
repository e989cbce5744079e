#!/usr/bin/env node
// `npm start`: build, then open the Electron window. Where Electron's binary is missing (it
// downloads from outside the npm registry), say so in one line and serve the same app in
// browser mode instead. Never just crash.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function build() {
  const r = spawnSync(bin('electron-vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(r.status ?? 1);
  }
}

/** The Electron executable, fetching it on first use where the network allows; null if it can't be had. */
function electronExecutable() {
  // require('electron') downloads the binary when it is missing; do that in a child with a time
  // limit so a closed network costs seconds, not a hang.
  const r = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  // The first run prints a download line before the path: the path is the last line.
  const exe = r.status === 0 ? r.stdout.trim().split('\n').at(-1) : '';
  return exe && fs.existsSync(exe) ? exe : null;
}

function browserMode(reason) {
  console.log(`${reason} Opening Liaison CRM in browser mode instead: the same app, served on 127.0.0.1.`);
  const child = spawn(process.execPath, [path.join(root, 'out', 'main', 'host.js')], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

build();
const exe = electronExecutable();
if (!exe) {
  browserMode('Electron is not installed here (its binary downloads from outside the npm registry, and that download failed).');
} else {
  // The database driver Electron loads is Node-API (see src/main/db/driver.ts): no rebuild step.
  const child = spawn(exe, [root], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
