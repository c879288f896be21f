/**
 * A headless Chromium for the page tests: playwright-core drives the system's Chromium (Debian's
 * `chromium` package; .ci/run installs it). Where there is none (a user's machine), `findChromium`
 * returns null and the tests skip with a notice. Screenshots go to test-artifacts/screenshots/.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SCREENSHOTS_DIR = path.join(REPO_ROOT, 'test-artifacts', 'screenshots');

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** CHROMIUM_PATH when set (and there), else the first Chromium on PATH; null when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : null;
  const dirs = (env.PATH ?? '/usr/bin').split(path.delimiter).filter(Boolean);
  for (const name of NAMES) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    // Headless in a container, talking to 127.0.0.1 only: no sandbox (no user namespaces), no GPU,
    // and none of Chromium's own calls home.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30_000,
  });
}

/** Saves test-artifacts/screenshots/<name>.png: the whole page, or what a 1280×900 window shows. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}
