/**
 * The frame every page shares (header with the site's links, a search slot and the language
 * switch; the page's language and direction; the favicon), and the URLs pages link to one another by.
 */
import type { EntityType } from '../../shared/record';
import { FAVICON_PATH, SCRIPT_PATH, STYLESHEET_PATH } from './assets';
import { html, type SafeHtml } from './html';
import { UI_PARAM, type Messages, type Ui } from './i18n';
import { SEARCH_PAGE, STATS_PAGE } from './paths';
import { SIGN_OUT_PATH } from './sign-in';

export const articlePageUrl = (key: string): string => `/article/${encodeURIComponent(key)}`;
/** The record and the file under the page's own path (behind the web sign-in on AWS, where the JSON API's routes are IAM-signed). */
export const articleJsonUrl = (key: string): string => `/article/${encodeURIComponent(key)}?as=json`;
export const articleFileUrl = (key: string): string => `/article/${encodeURIComponent(key)}?as=original`;
export const entityPageUrl = (type: EntityType, name: string): string => `/entity/${type}/${encodeURIComponent(name)}`;

/** A page's path with the given parameters, empty ones left out. */
export function pageUrl(path: string, filters: Readonly<Record<string, string | undefined | null>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** `/` with the given filters, empty ones left out. */
export const listPageUrl = (filters: Readonly<Record<string, string | undefined | null>>): string => pageUrl('/', filters);

/** One page view: the interface language, and the query it was asked with (the switch keeps it). */
export interface Shell {
  readonly ui: Ui;
  readonly params: Readonly<Record<string, string | undefined>>;
  /** Behind a sign-in (on AWS): the header offers to sign out. */
  readonly signedIn?: boolean;
}

/** The links in the header, in order; a page of its own (stats, search results) adds itself here. */
export const SITE_NAV: readonly { readonly href: string; readonly label: (t: Messages) => string }[] = [
  { href: '/', label: (t) => t.nav.articles },
  { href: STATS_PAGE, label: (t) => t.nav.stats },
];

/** The header's search box (a form with `role="search"`), shown on every page between the links and the language switch. */
export function siteSearch(shell: Shell): SafeHtml {
  const { t } = shell.ui;
  return html`<form class="search" method="get" action="${SEARCH_PAGE}" role="search"><input name="q" type="search" dir="auto" placeholder="${t.nav.search}" aria-label="${t.nav.searchLabel}"></form>`;
}

/** The same page in the other interface language: a query-only link keeps the path and its filters. */
function switchUrl(shell: Shell): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(shell.params)) if (value !== undefined && name !== UI_PARAM) params.set(name, value);
  params.set(UI_PARAM, shell.ui.t.nav.switchLang);
  return `?${params.toString()}`;
}

export function layout(shell: Shell, title: string, body: SafeHtml): string {
  const { ui } = shell;
  return html`<!doctype html>
<html lang="${ui.lang}" dir="${ui.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${ui.t.siteName}</title>
<link rel="icon" href="${FAVICON_PATH}" type="image/svg+xml">
<link rel="stylesheet" href="${STYLESHEET_PATH}">
<script src="${SCRIPT_PATH}" defer></script>
</head>
<body>
<header class="site"><a class="brand" href="/">${ui.t.siteName}</a><nav>${SITE_NAV.map((link) => html`<a href="${link.href}">${link.label(ui.t)}</a>`)}</nav>${siteSearch(shell)}<a class="ui-switch" href="${switchUrl(shell)}" lang="${ui.t.nav.switchLang}" hreflang="${ui.t.nav.switchLang}">${ui.t.nav.switchTo}</a>${shell.signedIn ? html`<a class="sign-out" href="${SIGN_OUT_PATH}">${ui.t.nav.signOut}</a>` : null}</header>
<main>
${body}
</main>
</body>
</html>
`.value;
}
