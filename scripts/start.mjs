#!/usr/bin/env node
// `npm start`: build, then open the Electron window. Where Electron's binary is missing (it
// downloads from outside the npm registry), say so in one line and serve the same app in
// browser mode instead. Never just crash.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
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

/**
 * better-sqlite3 as npm installed it is built for Node; Electron needs one built for its own ABI.
 * Build that copy once, beside node_modules, so `npm test` (Node) keeps working.
 */
function electronSqliteBinding() {
  const version = require('electron/package.json').version;
  const dir = path.join(root, '.electron-native', `better-sqlite3-electron-${version}`);
  const binding = path.join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(binding)) return binding;
  const src = path.dirname(require.resolve('better-sqlite3/package.json'));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(src, dir, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
  console.log(`Preparing the database driver for Electron ${version} (once)…`);
  const prebuilt = spawnSync(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', version], { cwd: dir, stdio: 'inherit' });
  if (prebuilt.status !== 0 && process.env.npm_config_node_gyp) {
    spawnSync(process.execPath, [process.env.npm_config_node_gyp, 'rebuild', '--release', '--runtime=electron', `--target=${version}`, '--dist-url=https://electronjs.org/headers'], { cwd: dir, stdio: 'inherit' });
  }
  return fs.existsSync(binding) ? binding : null;
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
  const binding = electronSqliteBinding();
  if (!binding) {
    browserMode('The database driver could not be built for Electron on this machine.');
  } else {
    const child = spawn(exe, [root], { cwd: root, stdio: 'inherit', env: { ...process.env, LIAISON_SQLITE_BINDING: binding } });
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
