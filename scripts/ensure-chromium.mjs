/**
 * Makes sure a Chromium the browser tests can drive is on the machine:
 * CHROMIUM_PATH if set, else Debian's /usr/bin/chromium, installed with apt
 * when missing (as root; otherwise it says what to install).
 */
import { existsSync } from 'node:fs';
import { mustRun } from './run.mjs';

export async function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${path} does not exist`);
  if (process.getuid?.() !== 0) {
    throw new Error('Chromium is missing: run `sudo apt-get install chromium`, or set CHROMIUM_PATH to a Chromium or Chrome binary.');
  }
  console.log('Installing Debian chromium for the browser tests…');
  await mustRun('apt-get', ['update', '-qq']);
  await mustRun('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return path;
}
