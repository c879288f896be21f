/** The frame every page shares, and the URLs pages link to one another by. */
import type { EntityType } from '../../shared/record';
import { SCRIPT_PATH, STYLESHEET_PATH } from './assets';
import { html, type SafeHtml } from './html';

export const articlePageUrl = (key: string): string => `/article/${encodeURIComponent(key)}`;
export const articleJsonUrl = (key: string): string => `/articles/${encodeURIComponent(key)}`;
export const entityPageUrl = (type: EntityType, name: string): string => `/entity/${type}/${encodeURIComponent(name)}`;

/** `/` with the given filters, empty ones left out. */
export function listPageUrl(filters: Readonly<Record<string, string | undefined | null>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  const query = params.toString();
  return query ? `/?${query}` : '/';
}

export function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Dateline</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
<script src="${SCRIPT_PATH}" defer></script>
</head>
<body>
<header class="site"><a class="brand" href="/">Dateline</a><nav><a href="/">Articles</a> <a href="/page/stats">Stats</a></nav><form class="search" method="get" action="/page/search" role="search"><input name="q" type="search" dir="auto" placeholder="Search" aria-label="Search the archive"></form></header>
<main>
${body}
</main>
</body>
</html>
`.value;
}
