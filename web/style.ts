// The one stylesheet, served as /style.css (the Content-Security-Policy allows styles from the server only).
// A repaired word's original and rule show on hover or keyboard focus with CSS alone: no script needed.
export const STYLESHEET = `
:root { --ink: #1d1d1f; --muted: #6b6b70; --line: #d9d9de; --accent: #0b57d0; --repair: #b15c00; font-family: system-ui, sans-serif; color: var(--ink); }
body { margin: 0; line-height: 1.45; }
header.top { display: flex; gap: 1rem; align-items: baseline; padding: .6rem 1.2rem; border-bottom: 1px solid var(--line); background: #f6f6f8; }
header.top .brand { font-weight: 700; }
header.top .corpus { color: var(--muted); font-size: .9em; }
header.top nav { margin-left: auto; display: flex; gap: 1rem; }
header.top nav a[aria-current] { font-weight: 700; }
main { padding: 1rem 1.2rem; max-width: 80rem; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
form.query { display: flex; gap: .5rem; margin-bottom: 1rem; }
form.query input[type=search] { flex: 1; font-size: 1.05rem; padding: .4rem .6rem; }
.error { color: #a00; }
.results { display: grid; grid-template-columns: 17rem 1fr; gap: 1.5rem; }
.facet h2 { font-size: .85rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 1rem 0 .3rem; }
.facet ul { list-style: none; padding-left: 0; margin: 0; }
.facet ul ul { padding-left: 1rem; }
.facet li.active > a { font-weight: 700; }
.facet li.active > a::before { content: "✓ "; }
.count { color: var(--muted); font-size: .85em; }
ol.hits { padding-left: 1.5rem; }
li.hit { margin-bottom: .9rem; }
li.hit .where { font-size: .9em; color: var(--muted); }
li.hit .snippet { margin: .2rem 0; }
mark { background: #fff1a8; }
.attribution { color: var(--muted); font-style: italic; }
nav.paging { display: flex; gap: 1rem; }
dl.metadata { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; }
dl.metadata dt { color: var(--muted); }
dl.metadata .source { color: var(--muted); font-size: .85em; }
dl.metadata .source::before { content: "("; } dl.metadata .source::after { content: ")"; }
section.slide { border-top: 1px solid var(--line); padding: .5rem 0; }
section.slide header { display: flex; flex-wrap: wrap; gap: .8rem; align-items: baseline; }
section.slide h2 { font-size: 1rem; margin: 0; }
.method, .section, .reason, .hidden-slide { font-size: .85em; color: var(--muted); }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .8rem; margin: .4rem 0; background: #fcfcfd; }
.record { margin: .25rem 0; }
.record > .kind { display: inline-block; min-width: 6.5rem; font-size: .75em; color: var(--muted); text-transform: uppercase; }
.record.kind-title .text { font-weight: 700; font-size: 1.1em; }
.record.level-1 { margin-left: 1.5rem; } .record.level-2 { margin-left: 3rem; } .record.level-3, .record.level-4 { margin-left: 4.5rem; }
.record table { border-collapse: collapse; margin: .3rem 0; }
.record td, .record th { border: 1px solid var(--line); padding: .15rem .4rem; }
.concepts .concept { font-size: .75em; margin-left: .4rem; padding: 0 .3rem; border: 1px solid var(--line); border-radius: 3px; }
aside.notes { font-size: .9em; color: #444; border-left: 3px solid var(--line); padding-left: .6rem; }
aside.notes h3 { font-size: .8rem; margin: .2rem 0; color: var(--muted); }
.repair { position: relative; border-bottom: 2px dotted var(--repair); cursor: help; }
.repair .tip { display: none; position: absolute; left: 0; top: 1.5em; z-index: 2; min-width: 16rem; padding: .35rem .5rem; background: #222; color: #fff; font-size: .8rem; border-radius: 4px; }
.repair:hover .tip, .repair:focus .tip { display: block; }
.repair .tip del { color: #ffb4a8; } .repair .tip ins { color: #b8f5b0; text-decoration: none; }
li.hit { display: grid; grid-template-columns: 8.5rem 1fr; column-gap: .8rem; align-items: start; }
li.hit > .preview { grid-row: span 3; }
li.hit > :not(.preview) { grid-column: 2; }
.slide-body { display: grid; grid-template-columns: 20rem 1fr; gap: 1rem; align-items: start; }
@media (max-width: 48rem) { .slide-body { grid-template-columns: 1fr; } }
img.thumb { display: block; border: 1px solid var(--line); border-radius: 4px; background: #fff; height: auto; }
img.thumb.small { width: 8rem; }
img.thumb.large { width: 20rem; max-width: 100%; }
.text-card { display: flex; flex-direction: column; gap: .15rem; box-sizing: border-box; aspect-ratio: 4 / 3; overflow: hidden; padding: .4rem .5rem; border: 1px dashed var(--line); border-radius: 4px; background: #f4f5f7; color: #444; font-size: .7rem; line-height: 1.25; }
li.hit .text-card { width: 8rem; font-size: .55rem; }
.slide-body .text-card { width: 20rem; max-width: 100%; }
.text-card .card-title { font-weight: 700; font-size: 1.15em; }
.text-card .empty { color: var(--muted); font-style: italic; }
.person { border-top: 1px solid var(--line); }
.person blockquote { margin: .3rem 0 0; font-style: italic; }
.taxonomy ul { list-style: none; padding-left: 1.2rem; }
.taxonomy .labels, .taxonomy .none { color: var(--muted); }
`;
