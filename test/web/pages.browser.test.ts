/**
 * The web page in a real browser (headless Chromium driven by playwright-core) against the whole
 * local stack: files dropped into its S3 go through the queue and ingest into DynamoDB, and the
 * page is served by the same api handler as on Lambda. Screenshots land in test-artifacts/.
 *
 * Skips with a notice where no Chromium is installed (CI installs one); the sana-moscow test skips
 * where ../shared/examples is absent.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchKey } from '../../shared/extract/arabic';
import { ArticleRecord } from '../../shared/record';
import { makeDataDir, removeDataDir, SHARED_DIR, startTestStack, type TestStack } from '../local/helpers';
import { UI_COOKIE } from '../../functions/web/i18n';
import { findChromium, launchChromium, REPO_ROOT, screenshot } from './browser';
import { BRIDGE, BRIDGE_KEY, REPOST, REPOST_KEY, WATER, WATER_KEY } from './records';

const chromiumPath = findChromium();
if (!chromiumPath) console.warn('test/web: no Chromium found (set CHROMIUM_PATH or install chromium): skipping the browser tests');

const SANA_FILE = path.join(SHARED_DIR, 'examples', 'sana-moscow.txt');
const SANA_CHECKLIST = path.join(SHARED_DIR, 'examples', 'sana-moscow.expected.json');
const hasSana = existsSync(SANA_FILE) && existsSync(SANA_CHECKLIST);
if (!hasSana) console.warn(`test/web: ${SANA_FILE} is absent: skipping the sana-moscow page test`);

const SANA_KEY = 'wires/2015/sana-moscow.txt';
/** The hostile article's key is hostile too: it is shown on the page, so it must stay text. */
const XSS_KEY = 'web/"><img src=x onerror=window.__datelineXss=1>.txt';
const XSS_FILE = path.join(REPO_ROOT, 'test', 'fixtures', 'web', 'comment-field-exploit.txt');

/** What the tests read of the browser's globals (the project compiles without DOM types). */
interface BrowserGlobals {
  getComputedStyle(element: unknown): { direction: string };
  __datelineXss?: unknown;
}

let dataDir: string;
let stack: TestStack;
let browser: Browser;
let context: BrowserContext;
let base: string;

async function drop(key: string, file: string): Promise<void> {
  await stack.s3.send(new PutObjectCommand({ Bucket: stack.stack.bucket, Key: key, Body: await readFile(file), ContentType: 'text/plain; charset=utf-8' }));
}

async function recordOf(key: string): Promise<ArticleRecord> {
  const response = await fetch(`${base}/articles/${encodeURIComponent(key)}`);
  expect(response.status, `GET /articles/${key}`).toBe(200);
  return ArticleRecord.parse(await response.json());
}

/** A fresh page that fails the test on any dialog (alert, confirm) an article could open. */
async function newPage(): Promise<{ page: Page; dialogs: string[]; violations: string[] }> {
  const page = await context.newPage();
  const dialogs: string[] = [];
  const violations: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  return { page, dialogs, violations };
}

describe.skipIf(!chromiumPath)('the web page in Chromium', () => {
  beforeAll(async () => {
    dataDir = await makeDataDir();
    stack = await startTestStack({ dataDir });
    base = stack.stack.endpoints.api;
    for (const record of [BRIDGE, WATER, REPOST]) await stack.store.put(record);
    await stack.settle();
    await drop(XSS_KEY, XSS_FILE);
    if (hasSana) await drop(SANA_KEY, SANA_FILE);
    await stack.settle();
    browser = await launchChromium(chromiumPath!);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    // The archive here is mostly Arabic, so the interface would be Arabic: these tests read the English one.
    await context.addCookies([{ name: UI_COOKIE, value: 'en', url: base }]);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stack?.stop();
    if (dataDir) await removeDataDir(dataDir);
  });

  it('opens the list: every article, newest first, linked to its page', async () => {
    const { page, violations } = await newPage();
    await page.goto(`${base}/`);
    await expect.poll(() => page.title()).toMatch(/Dateline/);
    const links = await page.locator('table.articles td.title > a').evaluateAll((as) => as.map((a) => decodeURIComponent(a.getAttribute('href') ?? '')));
    // The hand-built records are dated 2016; the dropped files state no date: they come after, apart, as undated.
    expect(links.slice(0, 3)).toEqual([`/article/${REPOST_KEY}`, `/article/${BRIDGE_KEY}`, `/article/${WATER_KEY}`]);
    expect(links.slice(3).sort()).toEqual([`/article/${XSS_KEY}`, ...(hasSana ? [`/article/${SANA_KEY}`] : [])].sort());
    expect(await page.locator('tr.undated-divider').count()).toBe(1);
    const dates = await page.locator('table.articles td.date').allTextContents();
    expect(dates.map((d) => d.trim())).toEqual([...dates.slice(0, 3).map((d) => d.trim()), ...links.slice(3).map(() => 'undated')]);
    expect(dates.slice(0, 3).every((d) => /^2016-\d{2}-\d{2}$/.test(d.trim()))).toBe(true);
    // Arabic headlines read right-to-left in the left-to-right table.
    expect(await page.locator(`a[href="/article/${encodeURIComponent(BRIDGE_KEY)}"]`).getAttribute('dir')).toBe('rtl');
    await screenshot(page, 'list');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('filters the list by language and by agency with the form', async () => {
    const { page, violations } = await newPage();
    await page.goto(`${base}/`);
    await page.selectOption('select[name="lang"]', 'en');
    await Promise.all([page.waitForURL(/lang=en/), page.click('form.filters button[type="submit"]')]);
    // Empty fields stay out of the URL (the page's script), and only the English article is left.
    expect(new URL(page.url()).search).toBe('?lang=en');
    const english = await page.locator('table.articles td.title > a').evaluateAll((as) => as.map((a) => decodeURIComponent(a.getAttribute('href') ?? '')));
    expect(english).toEqual([`/article/${XSS_KEY}`]);
    await screenshot(page, 'list-filtered-en');

    await page.goto(`${base}/`);
    await page.fill('input[name="agency"]', 'سانا');
    // Agency and language combine: typing an agency leaves the language open.
    expect(await page.locator('select[name="lang"]').isDisabled()).toBe(false);
    await Promise.all([page.waitForURL(/agency=/), page.click('form.filters button[type="submit"]')]);
    const sana = await page.locator('table.articles td.title > a').evaluateAll((as) => as.map((a) => decodeURIComponent(a.getAttribute('href') ?? '')));
    expect(sana).toEqual([`/article/${BRIDGE_KEY}`, `/article/${WATER_KEY}`, ...(hasSana ? [`/article/${SANA_KEY}`] : [])]);
    expect(await page.inputValue('input[name="agency"]')).toBe('سانا');

    // Undated only: the date bounds are disabled (undated articles have none), and only the undated are listed.
    await page.goto(`${base}/`);
    await page.check('input[name="undated"]');
    expect(await page.locator('input[name="since"]').isDisabled()).toBe(true);
    await Promise.all([page.waitForURL(/undated=true/), page.click('form.filters button[type="submit"]')]);
    expect(new URL(page.url()).search).toBe('?undated=true');
    const undated = await page.locator('table.articles td.title > a').evaluateAll((as) => as.map((a) => decodeURIComponent(a.getAttribute('href') ?? '')));
    expect(undated.sort()).toEqual([`/article/${XSS_KEY}`, ...(hasSana ? [`/article/${SANA_KEY}`] : [])].sort());
    expect(await page.isChecked('input[name="undated"]')).toBe(true);
    await screenshot(page, 'list-undated');

    await page.goto(`${base}/?since=2016-13`);
    expect(await page.locator('.error').textContent()).toMatch(/since/);
    expect(violations).toEqual([]);
    await page.close();
  });

  it.skipIf(!hasSana)('opens the sana-moscow article: right-to-left, its people and quotes as the API has them', async () => {
    const record = await recordOf(SANA_KEY);
    const { page, violations } = await newPage();
    await page.goto(`${base}/?agency=SANA`);
    await Promise.all([page.waitForURL(/\/article\//), page.click(`a[href="/article/${encodeURIComponent(SANA_KEY)}"]`)]);

    const text = page.locator('#text');
    expect(await text.getAttribute('dir')).toBe('rtl');
    expect(await text.getAttribute('lang')).toBe('ar');
    expect(await text.evaluate((el) => (globalThis as unknown as BrowserGlobals).getComputedStyle(el).direction)).toBe('rtl');

    const people = await page.locator('#people li.entity a.name').allTextContents();
    expect(people).toEqual(record.entities.person.map((p) => p.name));
    const speakers = await page.locator('#quotes li.quote .speaker-name').allTextContents();
    expect(speakers).toEqual(record.quotes.filter((q) => q.speaker).map((q) => q.speaker));
    expect(await page.locator('#quotes blockquote').count()).toBe(record.quotes.length);
    // Entities are marked in the text and link to their pages.
    expect(await page.locator('#text mark.entity.person a[href^="/entity/person/"]').count()).toBeGreaterThan(0);
    expect(await page.locator('#source dd').allTextContents()).toContain(SANA_KEY);
    await screenshot(page, 'article-sana-moscow');
    await screenshot(page, 'article-sana-moscow-top', false);
    expect(violations).toEqual([]);

    // The API answers the same: Putin, by his surname alone, names this article.
    const putin = await fetch(`${base}/entities/person/${encodeURIComponent('بوتين')}/articles`);
    expect(putin.status).toBe(200);
    const found = (await putin.json()) as { articles: { key: string; entity: { name: string } }[] };
    expect(found.articles.find((a) => a.key === SANA_KEY)?.entity.name).toBe('فلاديمير بوتين');

    // The checklist (../shared/examples/sana-moscow.expected.json): its 11 people and 7 quotes.
    const checklist = JSON.parse(await readFile(SANA_CHECKLIST, 'utf8')) as {
      entities: { person: { name: string }[] };
      quotes: { startsWith: string; speaker: string }[];
    };
    const shown = new Set(people.map(matchKey));
    expect(checklist.entities.person.map((p) => p.name).filter((name) => !shown.has(matchKey(name)))).toEqual([]);
    const quotes = await page.locator('#quotes li.quote').evaluateAll((lis) =>
      lis.map((li) => ({ text: li.querySelector('blockquote')?.textContent ?? '', speaker: li.querySelector('.speaker-name')?.textContent ?? '' })),
    );
    for (const expected of checklist.quotes) {
      const found = quotes.find((q) => matchKey(q.text).startsWith(matchKey(expected.startsWith)));
      expect(found, `quote starting ${expected.startsWith}`).toBeDefined();
      expect(matchKey(found!.speaker)).toBe(matchKey(expected.speaker));
    }
    await page.close();
  });

  it('shows an article with its entities marked, and follows an entity to its page', async () => {
    const { page, violations } = await newPage();
    // The re-publication links to the original as its near-duplicate: follow that link.
    await page.goto(`${base}/article/${encodeURIComponent(REPOST_KEY)}`);
    expect(await page.locator('#duplicates a').evaluateAll((as) => as.map((a) => decodeURIComponent(a.getAttribute('href') ?? '')))).toEqual([`/article/${BRIDGE_KEY}`]);
    expect(await page.locator('#duplicates li').textContent()).toContain('distance 2');
    await Promise.all([page.waitForURL(`${base}/article/${encodeURIComponent(BRIDGE_KEY)}`), page.click('#duplicates a')]);
    expect(await page.locator('h1').textContent()).toBe(BRIDGE.title);
    // The lead as written, with the governor, the ministry, the university and the river marked.
    expect(await page.locator('#text p.lead').textContent()).toBe(BRIDGE.lead);
    const marks = await page.locator('#text p.lead mark.entity').evaluateAll((ms) => ms.map((m) => `${m.className}|${m.textContent}`));
    expect(marks).toEqual([
      'entity place|حلب',
      'entity person|حسين دياب',
      'entity place|نهر قويق',
      'entity organization|وزارة الأشغال العامة',
      'entity organization|جامعة حلب',
    ]);
    expect(await page.locator('#people li.entity a.name').allTextContents()).toEqual(['حسين دياب', 'رنا العلي']);
    expect(await page.locator('#people .role').allTextContents()).toEqual(['محافظ حلب', 'مديرة المشروع']);
    expect(await page.locator('#quotes .speaker-name').allTextContents()).toEqual(['حسين دياب', 'رنا العلي']);
    expect(await page.locator('#dates time').getAttribute('datetime')).toBe('2016-03-15');
    expect(await page.locator('#keywords li').allTextContents()).toEqual(['الجسر', 'ترميم', 'حلب']);
    await screenshot(page, 'article-bridge');

    // Pointing at a person in the list outlines the person's marks in the text (the page's script).
    await page.hover('#people li.entity:first-child');
    expect(await page.locator('#text mark.entity.active').count()).toBeGreaterThan(0);

    // Follow the place: both Aleppo stories, newest first.
    await Promise.all([page.waitForURL(/\/entity\/place\//), page.click('#places li.entity a.name >> text=حلب')]);
    expect(await page.locator('h1').textContent()).toBe('Place: حلب');
    const found = await page.locator('table.articles td.title > a').evaluateAll((as) => as.map((a) => decodeURIComponent(a.getAttribute('href') ?? '')));
    expect(found).toEqual([`/article/${REPOST_KEY}`, `/article/${BRIDGE_KEY}`, `/article/${WATER_KEY}`]);
    await screenshot(page, 'entity-place');

    // And back through the person marked in the text: found by the full name.
    await page.goto(`${base}/article/${encodeURIComponent(WATER_KEY)}`);
    await Promise.all([page.waitForURL(/\/entity\/person\//), page.click('#text mark.entity.person a')]);
    expect(await page.locator('h1').textContent()).toBe('Person: سامي قباني');
    expect(await page.locator('table.articles td.title > a').count()).toBe(1);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('renders an article carrying <script> and <img onerror> as text and runs nothing', async () => {
    const record = await recordOf(XSS_KEY);
    expect(record.lead).toContain('<script>');
    const { page, dialogs, violations } = await newPage();
    for (const url of [`${base}/`, `${base}/article/${encodeURIComponent(XSS_KEY)}`]) {
      await page.goto(url);
      await page.waitForLoadState('load');
      expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).__datelineXss)).toBeUndefined();
      // Nothing from the article became markup: one script (the page's own), no images at all.
      expect(await page.locator('script').evaluateAll((ss) => ss.map((s) => s.getAttribute('src')))).toEqual(['/assets/dateline.js']);
      expect(await page.locator('img').count()).toBe(0);
    }
    // On the article page the hostile text is there, as text.
    expect(await page.locator('#text p.lead').textContent()).toBe(record.lead);
    expect(await page.locator('#source dd').allTextContents()).toContain(XSS_KEY);
    await screenshot(page, 'article-xss');
    expect(dialogs).toEqual([]);
    // Had anything slipped through, the Content-Security-Policy would have refused it (and said so).
    expect(violations).toEqual([]);
    await page.close();
  });

  it('speaks Arabic right to left by default on a mostly Arabic archive, switches to English and remembers, and fits 390 px', async () => {
    // A reader who has chosen nothing, on a phone.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB', deviceScaleFactor: 1 });
    const page = await phone.newPage();
    const violations: string[] = [];
    page.on('pageerror', (error) => violations.push(error.message));
    /** How far the page reaches past the window sideways (0: no horizontal scrolling). */
    const overflow = () => page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });

    await page.goto(`${base}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('h1').textContent()).toBe('كل المقالات');
    // Every title keeps its own direction inside the right-to-left page: English ones read left to right.
    const titles = page.locator('table.articles td.title > a');
    expect(await titles.evaluateAll((as) => as.every((a) => a.hasAttribute('dir')))).toBe(true);
    expect(await page.locator(`a[href="/article/${encodeURIComponent(XSS_KEY)}"]`).getAttribute('dir')).toBe('auto');
    // The table has become cards: no header row shown, no sideways scrolling.
    expect(await page.locator('table.articles thead').isVisible()).toBe(false);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'list-390-ar');

    await page.goto(`${base}/article/${encodeURIComponent(BRIDGE_KEY)}`);
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await page.locator('#download').textContent()).toBe('تنزيل الملف الأصلي');
    await screenshot(page, 'article-390-ar');
    await page.goto(`${base}/article/${encodeURIComponent(XSS_KEY)}`);
    expect(await overflow()).toBeLessThanOrEqual(0);
    // An English article in the Arabic interface: its text box is left to right, its paragraphs numbered.
    expect(await page.locator('#text').getAttribute('lang')).toBe('en');
    expect(await page.locator('#text p[data-paragraph="1"]').count()).toBe(1);
    await screenshot(page, 'article-390-ar-english-text');

    // The switch: English, left to right, on the same page; then remembered on the next one.
    await Promise.all([page.waitForURL(/ui=en/), page.click('a.ui-switch')]);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/article/${XSS_KEY}`);
    await page.goto(`${base}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('All articles');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'list-390-en');

    // The favicon the pages name is served as SVG.
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.svg');
    const icon = await page.request.get(`${base}/favicon.svg`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toBe('image/svg+xml');
    expect(await icon.text()).toMatch(/^<svg /);
    expect(violations).toEqual([]);
    await phone.close();
  });
});
