/**
 * The page's one stylesheet and one script, served by the same handler under /assets/. The
 * Content-Security-Policy allows scripts and styles from the page's own origin only, so both must
 * be files (no inline <script>, no style attributes). The script only adds conveniences: every
 * page works without it, and it never writes markup (no innerHTML), only classes and attributes.
 */

export const STYLESHEET_PATH = '/assets/dateline.css';
export const SCRIPT_PATH = '/assets/dateline.js';
export const FAVICON_PATH = '/favicon.svg';
/** Where browsers look for an icon when a page names none (a JSON answer, a download). */
export const FAVICON_FALLBACK_PATH = '/favicon.ico';

/** A front page in the site's colours: a headline bar and three lines of text. */
export const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#14213d"/><rect x="7" y="7" width="18" height="5" rx="1" fill="#f0a500"/><rect x="7" y="15" width="18" height="2.2" fill="#fff"/><rect x="7" y="19.5" width="18" height="2.2" fill="#fff"/><rect x="7" y="24" width="11" height="2.2" fill="#fff"/></svg>
`;

const ARABIC_FONTS = '"Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Scheherazade New", "Geeza Pro", "Segoe UI", Tahoma, "DejaVu Sans", sans-serif';

export const STYLESHEET = `
:root { --ink: #1f2933; --muted: #5f6b7a; --line: #d9dee5; --paper: #fbfaf7; --accent: #1d4e89;
  --person: #fde7a7; --person-ink: #7a4b00; --organization: #cfe3fb; --organization-ink: #123f73;
  --place: #cdeccf; --place-ink: #1d5a24; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: var(--paper);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
.site { display: flex; flex-wrap: wrap; align-items: baseline; gap: .5rem 1.5rem; padding: .8rem 2rem; background: #14213d; color: #fff; }
.site nav { display: flex; flex-wrap: wrap; gap: 1rem; }
.site .ui-switch { margin-inline-start: auto; font-size: .95rem; border: 1px solid rgba(255,255,255,.5); border-radius: 4px; padding: 0 .5rem; }
.site a { color: #fff; text-decoration: none; }
.site .brand { font-weight: 700; font-size: 1.25rem; letter-spacing: .02em; }
.site nav { font-size: .95rem; opacity: .9; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 2rem 4rem; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; line-height: 1.35; margin: .3rem 0 .6rem; }
h2 { font-size: 1.1rem; margin: 2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
.muted, .meta { color: var(--muted); }
.meta { display: flex; flex-wrap: wrap; gap: .25rem 1.2rem; margin: 0 0 1rem; font-size: .95rem; }
:lang(ar), :lang(fa), :lang(ur), [dir="rtl"] { font-family: ${ARABIC_FONTS}; }
.text[dir="rtl"], blockquote[dir="rtl"], h1[dir="rtl"] { line-height: 1.9; }
.text { font-size: 1.15rem; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.4rem; }
.text p { margin: .3rem 0 .8rem; }
.text h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; }
.text p[data-paragraph]::before { content: attr(data-paragraph); display: inline-block; min-width: 1.8em; margin-inline-end: .3em; color: var(--muted); font-size: .8rem; vertical-align: .1em; }
.text p:target { background: #fff6d6; }
.download { display: inline-block; margin: .6rem 0 0; }
.scroll { overflow-x: auto; max-width: 100%; }

mark.entity { border-radius: 3px; padding: 0 .15em; }
mark.entity a { color: inherit; text-decoration: none; }
mark.entity a:hover { text-decoration: underline; }
mark.person { background: var(--person); color: var(--person-ink); }
mark.organization { background: var(--organization); color: var(--organization-ink); }
mark.place { background: var(--place); color: var(--place-ink); }
mark.entity.active { outline: 2px solid var(--ink); }
.legend { display: flex; gap: 1rem; font-size: .85rem; margin: .4rem 0 0; }

.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 0 2rem; }
ul.entities { list-style: none; padding: 0; margin: 0; }
ul.entities li { padding: .3rem 0; border-bottom: 1px dashed var(--line); }
ul.entities .role, ul.entities .aliases { display: block; font-size: .9rem; color: var(--muted); }
.count { font-size: .8rem; color: var(--muted); }

ol.quotes { list-style: none; padding: 0; margin: 0; }
ol.quotes li { margin: 0 0 1rem; }
blockquote { margin: 0; padding: .6rem 1rem; background: #fff; border-inline-start: 4px solid var(--accent); border-radius: 4px; font-size: 1.05rem; }
.speaker { display: block; margin-top: .25rem; font-size: .92rem; color: var(--muted); }

table { width: 100%; border-collapse: collapse; background: #fff; }
th, td { text-align: start; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .85rem; color: var(--muted); font-weight: 600; background: #f3f1ec; }
td.title { font-size: 1.05rem; }
td.date { white-space: nowrap; }
td.named { min-width: 10rem; }
.key { font-size: .85rem; }
dl.details { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.2rem; margin: 0; }
dl.details dt { color: var(--muted); }
dl.details dd { margin: 0; overflow-wrap: anywhere; }
ul.keywords { display: flex; flex-wrap: wrap; gap: .4rem; list-style: none; padding: 0; }
ul.keywords li { background: #eceae4; border-radius: 999px; padding: .1rem .7rem; }

form.filters { display: flex; flex-wrap: wrap; align-items: end; gap: .8rem; margin: 0 0 1.2rem; padding: .8rem 1rem; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
form.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); gap: .2rem; }
form.filters input, form.filters select { font: inherit; padding: .3rem .45rem; border: 1px solid #b8c0cc; border-radius: 4px; min-width: 8rem; }
button { font: inherit; padding: .35rem 1rem; border: 0; border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; }
.error { padding: .7rem 1rem; background: #fde2e1; border: 1px solid #f5a3a0; border-radius: 6px; }
.pager { margin: 1rem 0; display: flex; gap: 1rem; }
.status-rejected, .status-error { color: #a12622; font-weight: 600; }
.undated, .untitled { font-style: italic; color: var(--muted); }
q.opening { color: var(--muted); }
tr.undated-divider td { font-size: .85rem; color: var(--muted); background: #f3f1ec; }
form.filters label.check { flex-direction: row; align-items: center; align-self: center; gap: .35rem; }
form.filters label.check input { min-width: 0; }

/* Phones (390 px and so): no horizontal scrolling; the article list becomes one card per article. */
@media (max-width: 40rem) {
  .site { padding: .6rem 1rem; gap: .4rem 1rem; }
  main { padding: 1rem .75rem 3rem; }
  h1 { font-size: 1.35rem; }
  .text { padding: .8rem .9rem; font-size: 1.08rem; }
  form.filters { padding: .6rem; }
  form.filters label { flex: 1 1 9rem; }
  form.filters input, form.filters select { min-width: 0; width: 100%; }
  dl.details { grid-template-columns: 1fr; }
  dl.details dd { margin-bottom: .4rem; }
  table.articles, table.articles tbody, table.articles tr, table.articles td { display: block; width: 100%; }
  table.articles thead { display: none; }
  table.articles tr { margin: 0 0 .7rem; padding: .4rem .7rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
  table.articles td { padding: .1rem 0; border: 0; }
  table.articles td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: .85rem; }
  table.articles tr.undated-divider { padding: .3rem .7rem; }
}
`;

export const SCRIPT = `'use strict';
(function () {
  // Filters: leave empty fields out of the URL (agency, language and status combine freely).
  var form = document.querySelector('form.filters');
  if (form) {
    // Undated articles have no date to bound: "Undated only" and Since/Until exclude each other.
    var undated = form.querySelector('[name="undated"]');
    var bounds = function () {
      if (!undated) return;
      ['since', 'until'].forEach(function (name) {
        var field = form.querySelector('[name="' + name + '"]');
        if (field) field.disabled = undated.checked;
      });
    };
    if (undated) undated.addEventListener('change', bounds);
    bounds();
    form.addEventListener('submit', function () {
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.name && field.value === '') field.disabled = true;
      });
    });
  }
  // Entity lists: pointing at an entity outlines its marks in the text.
  var toggle = function (name, on) {
    Array.prototype.forEach.call(document.querySelectorAll('mark.entity'), function (mark) {
      if (mark.getAttribute('data-entity') === name) mark.classList.toggle('active', on);
    });
  };
  Array.prototype.forEach.call(document.querySelectorAll('[data-entity-item]'), function (item) {
    var name = item.getAttribute('data-entity-item');
    ['mouseenter', 'focusin'].forEach(function (e) { item.addEventListener(e, function () { toggle(name, true); }); });
    ['mouseleave', 'focusout'].forEach(function (e) { item.addEventListener(e, function () { toggle(name, false); }); });
  });
})();
`;
