/**
 * The page's one stylesheet and one script, served by the same handler under /assets/. The
 * Content-Security-Policy allows scripts and styles from the page's own origin only, so both must
 * be files (no inline <script>, no style attributes). The script only adds conveniences: every
 * page works without it, and it never writes markup (no innerHTML), only classes and attributes.
 */

export const STYLESHEET_PATH = '/assets/dateline.css';
export const SCRIPT_PATH = '/assets/dateline.js';

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
.site { display: flex; align-items: baseline; gap: 1.5rem; padding: .8rem 2rem; background: #14213d; color: #fff; }
.site a { color: #fff; text-decoration: none; }
.site .brand { font-weight: 700; font-size: 1.25rem; letter-spacing: .02em; }
.site nav { font-size: .95rem; opacity: .9; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 2rem 4rem; }
h1 { font-size: 1.6rem; line-height: 1.35; margin: .3rem 0 .6rem; }
h2 { font-size: 1.1rem; margin: 2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
.muted, .meta { color: var(--muted); }
.meta { display: flex; flex-wrap: wrap; gap: .25rem 1.2rem; margin: 0 0 1rem; font-size: .95rem; }
:lang(ar), :lang(fa), :lang(ur), [dir="rtl"] { font-family: ${ARABIC_FONTS}; }
.text[dir="rtl"], blockquote[dir="rtl"], h1[dir="rtl"] { line-height: 1.9; }
.text { font-size: 1.15rem; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.4rem; }
.text p { margin: .3rem 0 .8rem; }
.text h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; }

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
