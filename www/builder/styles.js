// The component's styles: one constructable stylesheet adopted by the shadow root (allowed by a
// strict `style-src 'self'` CSP, unlike <style> elements or style attributes).
//
// Theming: every colour, the radius and the fonts read a public custom property first —
// --ck-accent, --ck-accent-fg, --ck-bg, --ck-surface, --ck-surface-2, --ck-fg, --ck-muted,
// --ck-border, --ck-danger, --ck-warning, --ck-success, --ck-info, --ck-focus, --ck-radius,
// --ck-font, --ck-mono, --ck-height — with light and dark defaults (prefers-color-scheme, or
// the `theme` attribute). Parts (::part) are listed in EMBEDDING.md.

const css = String.raw`
:host {
  --_accent: var(--ck-accent, #3451d1);
  --_accent-fg: var(--ck-accent-fg, #ffffff);
  --_bg: var(--ck-bg, #f4f6f9);
  --_surface: var(--ck-surface, #ffffff);
  --_surface-2: var(--ck-surface-2, #f7f8fb);
  --_code-bg: var(--ck-code-bg, #fbfcfe);
  --_fg: var(--ck-fg, #171a21);
  --_muted: var(--ck-muted, #596170);
  --_border: var(--ck-border, #e1e5ec);
  --_border-strong: var(--ck-border-strong, #c9cfd9);
  --_danger: var(--ck-danger, #c0262d);
  --_warning: var(--ck-warning, #9a5800);
  --_success: var(--ck-success, #1e7b36);
  --_info: var(--ck-info, #1f63b0);
  --_focus: var(--ck-focus, var(--_accent));
  --_radius: var(--ck-radius, 8px);
  --_font: var(--ck-font, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Liberation Sans", Arial, sans-serif);
  --_mono: var(--ck-mono, ui-monospace, "SF Mono", "JetBrains Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace);
  --_shadow: 0 1px 2px rgb(16 24 40 / 0.05);
  display: block;
  height: var(--ck-height, 820px);
  color-scheme: light;
  color: var(--_fg);
  font: 14px/1.45 var(--_font);
  -webkit-font-smoothing: antialiased;
}
@media (prefers-color-scheme: dark) {
  :host {
    --_accent: var(--ck-accent, #8fa4ff);
    --_accent-fg: var(--ck-accent-fg, #0c0f18);
    --_bg: var(--ck-bg, #0d1015);
    --_surface: var(--ck-surface, #151920);
    --_surface-2: var(--ck-surface-2, #1b2029);
    --_code-bg: var(--ck-code-bg, #11151b);
    --_fg: var(--ck-fg, #e7e9ee);
    --_muted: var(--ck-muted, #9ba4b4);
    --_border: var(--ck-border, #262c36);
    --_border-strong: var(--ck-border-strong, #363e4b);
    --_danger: var(--ck-danger, #ff8a8a);
    --_warning: var(--ck-warning, #f5b866);
    --_success: var(--ck-success, #7ddc93);
    --_info: var(--ck-info, #7cc0ff);
    --_shadow: 0 1px 2px rgb(0 0 0 / 0.4);
    color-scheme: dark;
  }
}
:host([theme="light"]) {
  --_accent: var(--ck-accent, #3451d1); --_accent-fg: var(--ck-accent-fg, #ffffff); --_bg: var(--ck-bg, #f4f6f9);
  --_surface: var(--ck-surface, #ffffff); --_surface-2: var(--ck-surface-2, #f7f8fb); --_code-bg: var(--ck-code-bg, #fbfcfe);
  --_fg: var(--ck-fg, #171a21); --_muted: var(--ck-muted, #596170); --_border: var(--ck-border, #e1e5ec);
  --_border-strong: var(--ck-border-strong, #c9cfd9); --_danger: var(--ck-danger, #c0262d); --_warning: var(--ck-warning, #9a5800);
  --_success: var(--ck-success, #1e7b36); --_info: var(--ck-info, #1f63b0); color-scheme: light;
}
:host([theme="dark"]) {
  --_accent: var(--ck-accent, #8fa4ff); --_accent-fg: var(--ck-accent-fg, #0c0f18); --_bg: var(--ck-bg, #0d1015);
  --_surface: var(--ck-surface, #151920); --_surface-2: var(--ck-surface-2, #1b2029); --_code-bg: var(--ck-code-bg, #11151b);
  --_fg: var(--ck-fg, #e7e9ee); --_muted: var(--ck-muted, #9ba4b4); --_border: var(--ck-border, #262c36);
  --_border-strong: var(--ck-border-strong, #363e4b); --_danger: var(--ck-danger, #ff8a8a); --_warning: var(--ck-warning, #f5b866);
  --_success: var(--ck-success, #7ddc93); --_info: var(--ck-info, #7cc0ff); --_shadow: 0 1px 2px rgb(0 0 0 / 0.4); color-scheme: dark;
}
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
code, pre, .mono { font-family: var(--_mono); font-size: 12.5px; }
h2, h3, h4, h5 { margin: 0; line-height: 1.3; }
p { margin: 0; }
:focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
* { scrollbar-width: thin; scrollbar-color: var(--_border-strong) transparent; }

/* ---- frame ---------------------------------------------------------------------------- */
.root {
  container: ck / inline-size;
  display: flex; flex-direction: column; height: 100%; min-height: 0;
  background: var(--_bg); border: 1px solid var(--_border); border-radius: calc(var(--_radius) + 4px); overflow: hidden;
}
.toolbar {
  display: flex; align-items: center; gap: 12px 16px; flex-wrap: wrap;
  padding: 10px 14px; background: var(--_surface); border-bottom: 1px solid var(--_border);
}
.start { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.start select { width: auto; min-width: 16rem; }
.toolbar-label { font-weight: 600; font-size: 13px; color: var(--_muted); }
.toolbar-status { display: flex; align-items: center; gap: 8px; }
.toolbar-end { margin-left: auto; display: flex; gap: 8px; align-items: center; }
.toolbar .notice-bar { order: 3; }
.toolbar .toolbar-end { order: 4; }
.pill {
  display: inline-flex; align-items: center; gap: 7px; padding: 4px 11px 4px 9px; border-radius: 999px;
  font-weight: 600; font-size: 12.5px; border: 1px solid transparent; white-space: nowrap;
}
.pill::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: currentColor; }
.pill[data-state="ok"] { color: var(--_success); background: color-mix(in srgb, var(--_success) 11%, var(--_surface)); border-color: color-mix(in srgb, var(--_success) 30%, transparent); }
.pill[data-state="warning"] { color: var(--_warning); background: color-mix(in srgb, var(--_warning) 11%, var(--_surface)); border-color: color-mix(in srgb, var(--_warning) 30%, transparent); }
.pill[data-state="error"] { color: var(--_danger); background: color-mix(in srgb, var(--_danger) 10%, var(--_surface)); border-color: color-mix(in srgb, var(--_danger) 30%, transparent); }

.notice-bar { flex: 1 1 280px; min-width: 0; display: flex; }
.notice-bar:empty { display: none; }
.notice {
  display: flex; align-items: center; gap: 8px; padding: 3px 4px 3px 12px; font-size: 13px; min-height: 32px; max-width: 100%;
  border: 1px solid var(--_border); border-left-width: 3px; border-radius: var(--_radius);
  animation: ck-in 0.18s ease-out;
}
.notice .btn.icon { width: 24px; height: 24px; }
@keyframes ck-in { from { opacity: 0; transform: translateY(-3px); } }
.notice.info { border-left-color: var(--_info); }
.notice.success { border-left-color: var(--_success); }
.notice.warning { border-left-color: var(--_warning); }
.notice.danger { border-left-color: var(--_danger); }
.notice .notice-text { flex: 1; }
.notice.info { background: color-mix(in srgb, var(--_info) 7%, var(--_surface)); }
.notice.success { background: color-mix(in srgb, var(--_success) 8%, var(--_surface)); }
.notice.warning { background: color-mix(in srgb, var(--_warning) 9%, var(--_surface)); }
.notice.danger { background: color-mix(in srgb, var(--_danger) 8%, var(--_surface)); color: var(--_fg); }

.workspace {
  flex: 1; min-height: 0; display: grid;
  grid-template-columns: minmax(0, 1fr) minmax(0, 1.08fr) minmax(0, 0.92fr);
}
.col { display: flex; flex-direction: column; min-height: 0; min-width: 0; border-right: 1px solid var(--_border); }
.col:last-child { border-right: 0; }
.col-head {
  display: flex; align-items: center; gap: 8px; min-height: 42px; padding: 8px 14px;
  background: var(--_surface); border-bottom: 1px solid var(--_border);
}
.col-head h2 { font-size: 13px; font-weight: 700; letter-spacing: 0.01em; }
.col-note { color: var(--_muted); font-size: 12px; }
.col-head .btn { margin-left: auto; }
.col-body { flex: 1; min-height: 0; overflow: auto; padding: 14px; }
.form-col { container: form / inline-size; }
@container form (max-width: 430px) {
  .grid2 { grid-template-columns: minmax(0, 1fr); }
  .grid3 { grid-template-columns: minmax(0, 1fr); }
  .item.row { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
}

@container ck (max-width: 1000px) {
  .workspace { display: grid; overflow: auto; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); grid-template-rows: 640px auto; }
  .side-col { grid-column: 1 / -1; border-top: 1px solid var(--_border); border-right: 0; }
  .side-col .col-body { overflow: visible; }
  .side-col .tabpanel:not([hidden]) { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; align-items: start; }
}
@container ck (max-width: 700px) {
  .workspace { grid-template-columns: minmax(0, 1fr); grid-template-rows: 620px 560px auto; }
  .form-col, .json-col { border-right: 0; }
  .json-col { border-top: 1px solid var(--_border); }
  .side-col .tabpanel:not([hidden]) { display: block; }
  .grid2, .grid3 { grid-template-columns: 1fr; }
  .start select { min-width: 0; width: 100%; }
  .section-nav { display: none; }
}

/* ---- controls --------------------------------------------------------------------------- */
.btn {
  font: inherit; font-size: 13px; font-weight: 600; line-height: 1.2; display: inline-flex; align-items: center; justify-content: center; gap: 6px;
  padding: 7px 13px; border-radius: var(--_radius); border: 1px solid var(--_border-strong);
  background: var(--_surface); color: var(--_fg); cursor: pointer; white-space: nowrap;
  transition: background-color 0.12s, border-color 0.12s, color 0.12s;
}
.btn:hover:not(:disabled) { background: var(--_surface-2); border-color: color-mix(in srgb, var(--_fg) 25%, var(--_border-strong)); }
.btn.primary { background: var(--_accent); color: var(--_accent-fg); border-color: var(--_accent); }
.btn.primary:hover:not(:disabled) { background: color-mix(in srgb, var(--_accent) 88%, var(--_fg)); border-color: transparent; }
.btn.danger { background: var(--_danger); color: var(--_surface); border-color: var(--_danger); }
.btn.danger:hover:not(:disabled) { background: color-mix(in srgb, var(--_danger) 85%, var(--_fg)); }
.btn.ghost { background: transparent; border-color: transparent; }
.btn.ghost:hover:not(:disabled) { background: color-mix(in srgb, var(--_fg) 7%, transparent); border-color: transparent; }
.btn.ghost.danger { color: var(--_danger); }
.btn.small { padding: 4px 9px; font-size: 12.5px; }
.btn.icon { width: 28px; height: 28px; padding: 0; font-size: 15px; }
.btn:disabled { opacity: 0.45; cursor: not-allowed; }
:host([readonly]) [data-write] { display: none; }
:host([no-manage]) [data-tab="manage"], :host([no-manage]) [data-action="save"] { display: none; }

input, select, textarea {
  font: inherit; font-size: 13.5px; color: var(--_fg); background: var(--_surface);
  border: 1px solid var(--_border-strong); border-radius: calc(var(--_radius) - 1px); padding: 6px 9px; width: 100%; min-width: 0;
}
input.mono, textarea.mono { font-family: var(--_mono); font-size: 12.5px; }
textarea { resize: vertical; line-height: 1.4; }
input::placeholder, textarea::placeholder { color: color-mix(in srgb, var(--_muted) 75%, transparent); }
input:hover, select:hover, textarea:hover { border-color: color-mix(in srgb, var(--_fg) 28%, var(--_border-strong)); }
input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 2px solid color-mix(in srgb, var(--_focus) 70%, transparent); outline-offset: 0; border-color: var(--_focus); }
input:disabled, select:disabled, textarea:disabled { background: var(--_surface-2); color: var(--_muted); }
input[type="checkbox"] { width: 16px; height: 16px; margin: 0; accent-color: var(--_accent); }
[aria-invalid="true"] { border-color: var(--_danger); background: color-mix(in srgb, var(--_danger) 5%, var(--_surface)); }
[data-severity="warning"]:not(.ctl-diag):not(.diag-jump) { border-color: var(--_warning); }

.ctl { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
.ctl > label { font-size: 12.5px; font-weight: 600; color: var(--_fg); }
.ctl .req { color: var(--_danger); }
.ctl .opt { color: var(--_muted); font-weight: 400; }
.help { font-size: 12px; color: var(--_muted); line-height: 1.4; }
.ctl-diag { font-size: 12px; color: var(--_danger); line-height: 1.4; }
.ctl-diag[data-severity="warning"] { color: var(--_warning); }
.ctl-diag[data-severity="info"] { color: var(--_info); }
.ctl.check { display: grid; grid-template-columns: auto 1fr; align-items: center; gap: 2px 8px; align-self: end; padding-bottom: 6px; }
.ctl.check > label { font-weight: 500; font-size: 13px; }
.ctl.check .help, .ctl.check .ctl-diag { grid-column: 2; }
.ctl.inline { flex-direction: row; align-items: center; gap: 8px; }
.ctl.inline select { width: auto; }
.ctl.grow { flex: 1; }
.grid2 { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 12px; }
.grid3 { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 10px; }
.wide { grid-column: 1 / -1; }
.icon-row { display: flex; flex-direction: row; gap: 12px; align-items: flex-start; }
.icon-row > .ctl { flex: 1; }
.icon-preview { width: 40px; height: 40px; border-radius: 8px; border: 1px solid var(--_border); margin-top: 22px; object-fit: contain; background: var(--_surface-2); }

/* ---- form ------------------------------------------------------------------------------- */
.payload-form { display: block; }
.form-root { border: 0; margin: 0; padding: 0; min-width: 0; }
.payload-form.paused .form-root { opacity: 0.5; }
.form-notice { margin-bottom: 12px; padding: 10px 12px; border-radius: var(--_radius); font-size: 13px;
  background: color-mix(in srgb, var(--_warning) 11%, var(--_surface)); border: 1px solid color-mix(in srgb, var(--_warning) 35%, transparent); }
.group { background: var(--_surface); border: 1px solid var(--_border); border-radius: calc(var(--_radius) + 2px); padding: 14px; margin-bottom: 12px; box-shadow: var(--_shadow); }
.group-head { display: flex; align-items: center; gap: 8px; margin-bottom: 10px; }
.group-head h3 { font-size: 14px; font-weight: 650; }
.group .intro { color: var(--_muted); font-size: 12.5px; margin: -4px 0 12px; }
.sub { font-size: 12.5px; font-weight: 650; margin: 14px 0 6px; color: var(--_muted); text-transform: uppercase; letter-spacing: 0.04em; }
.items { list-style: none; margin: 0 0 10px; padding: 0; display: grid; gap: 10px; }
.items:empty { display: none; }
.item { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 10px 12px 12px; background: var(--_surface-2); }
.item-head { display: flex; align-items: center; gap: 8px; margin-bottom: 10px; min-height: 28px; }
.item-name { font-weight: 650; font-size: 13px; color: var(--_fg); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.badges { display: inline-flex; gap: 4px; flex-wrap: wrap; }
.item-tools { margin-left: auto; display: flex; gap: 2px; align-items: center; }
.item.row { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) auto auto; gap: 8px; align-items: start; padding: 8px 10px; }
.item.row .ctl.check { padding: 0; margin-top: 30px; }
.item.row > .item-tools { margin-top: 24px; }
.items.compact { gap: 6px; }
.options { margin-top: 10px; }
.badge { display: inline-block; font-size: 11px; font-weight: 600; line-height: 1.5; padding: 0 7px; border-radius: 999px; color: var(--_muted); background: var(--_surface); border: 1px solid var(--_border); font-family: var(--_font); }
.badge.accent { color: var(--_accent); border-color: color-mix(in srgb, var(--_accent) 40%, transparent); }
.badge.ok { color: var(--_success); border-color: color-mix(in srgb, var(--_success) 40%, transparent); }

/* ---- editor ----------------------------------------------------------------------------- */
.json-col { background: var(--_code-bg); }
.editor { position: relative; display: flex; flex: 1 1 60%; min-height: 180px; background: var(--_code-bg); }
.editor:focus-within { box-shadow: inset 0 0 0 2px color-mix(in srgb, var(--_focus) 55%, transparent); }
.gutter { flex: none; width: 48px; overflow: hidden; background: var(--_surface-2); border-right: 1px solid var(--_border); user-select: none; }
.gutter-inner { padding: 10px 0 60px; }
.ln { height: 20px; padding-right: 10px; text-align: right; font: 12px/20px var(--_mono); color: color-mix(in srgb, var(--_muted) 80%, transparent); }
.ln.mark-error { color: var(--_danger); font-weight: 700; background: color-mix(in srgb, var(--_danger) 12%, transparent); box-shadow: inset 3px 0 var(--_danger); }
.ln.mark-warning { color: var(--_warning); font-weight: 700; background: color-mix(in srgb, var(--_warning) 12%, transparent); box-shadow: inset 3px 0 var(--_warning); }
.ln.mark-info { color: var(--_info); box-shadow: inset 3px 0 var(--_info); }
.ln.flash { background: color-mix(in srgb, var(--_accent) 25%, transparent); }
textarea.code {
  flex: 1; min-width: 0; height: 100%; resize: none; border: 0; border-radius: 0; padding: 10px 14px; margin: 0;
  font: 12.5px/20px var(--_mono); white-space: pre; overflow: auto; tab-size: 2; background: transparent; color: var(--_fg);
}
textarea.code:focus-visible { outline: none; }
textarea.code::selection { background: color-mix(in srgb, var(--_accent) 30%, transparent); }

/* ---- problems --------------------------------------------------------------------------- */
.diagnostics { flex: 0 1 auto; max-height: 44%; min-height: 96px; display: flex; flex-direction: column; background: var(--_surface); border-top: 1px solid var(--_border); }
.panel-head { display: flex; align-items: center; gap: 10px; padding: 10px 14px 6px; }
.panel-head h3 { font-size: 13px; font-weight: 700; }
.diag-status { font-size: 12.5px; font-weight: 600; color: var(--_muted); }
.diag-status[data-state="error"] { color: var(--_danger); }
.diag-status[data-state="warning"] { color: var(--_warning); }
.diag-status[data-state="ok"] { color: var(--_success); }
.diag-list { list-style: none; margin: 0; padding: 0 8px 10px; overflow: auto; }
.diag-empty { display: flex; gap: 8px; align-items: center; padding: 8px 6px; color: var(--_muted); font-size: 13px; }
.ok-mark { color: var(--_success); font-weight: 700; }
.diag-jump {
  display: grid; grid-template-columns: 20px minmax(0, 1fr) auto; gap: 10px; align-items: start; width: 100%; text-align: left;
  padding: 8px 8px; border: 0; border-radius: var(--_radius); background: transparent; color: inherit; font: inherit; cursor: pointer;
}
.diag-jump:hover { background: var(--_surface-2); }
.sev { width: 18px; height: 18px; margin-top: 1px; border-radius: 50%; display: grid; place-items: center; font-size: 10.5px; font-weight: 800; color: var(--_surface); background: var(--_danger); }
.sev-warning { background: var(--_warning); }
.sev-info { background: var(--_info); }
.diag-main { display: flex; flex-direction: column; gap: 3px; min-width: 0; }
.diag-msg { font-size: 13px; font-weight: 500; }
.diag-fix { font-size: 12.5px; color: var(--_muted); }
.fix-label { display: inline-block; font-size: 10px; font-weight: 800; letter-spacing: 0.06em; text-transform: uppercase; color: var(--_success); border: 1px solid color-mix(in srgb, var(--_success) 45%, transparent); border-radius: 4px; padding: 0 4px; margin-right: 2px; vertical-align: 1px; }
.diag-meta { display: flex; gap: 8px; flex-wrap: wrap; }
.diag-meta code { font-size: 11px; color: var(--_muted); }
.diag-loc { font: 12px var(--_mono); color: var(--_muted); padding: 2px 6px; border-radius: 5px; background: var(--_surface-2); border: 1px solid var(--_border); }
.diag-jump:hover .diag-loc { color: var(--_accent); border-color: color-mix(in srgb, var(--_accent) 45%, transparent); }

/* ---- side panels ------------------------------------------------------------------------ */
.side-col { background: var(--_bg); }
.tablist { display: flex; gap: 2px; padding: 0 10px; min-height: 42px; align-items: stretch; background: var(--_surface); border-bottom: 1px solid var(--_border); }
.tab { font: inherit; font-size: 13px; font-weight: 650; color: var(--_muted); background: none; border: 0; border-bottom: 2px solid transparent; padding: 8px 12px 6px; cursor: pointer; }
.tab:hover { color: var(--_fg); }
.tab[aria-selected="true"] { color: var(--_fg); border-bottom-color: var(--_accent); }
.panel { background: var(--_surface); border: 1px solid var(--_border); border-radius: calc(var(--_radius) + 2px); padding: 4px 14px 14px; margin-bottom: 14px; box-shadow: var(--_shadow); }
.panel > .panel-head { padding: 10px 0 8px; }
.panel .vars { display: grid; gap: 10px; margin: 4px 0 12px; }
.template-line { margin-bottom: 10px; padding: 8px 10px; background: var(--_surface-2); border-radius: var(--_radius); border: 1px solid var(--_border); overflow-wrap: anywhere; }
.template-src { font-size: 12.5px; }
.muted { color: var(--_muted); font-size: 13px; }
code.muted { font-size: 11.5px; }
.rendered { display: grid; gap: 4px; padding: 10px 12px; border-radius: var(--_radius); border: 1px solid var(--_border); font-size: 13px; }
.rendered .label { font-size: 10.5px; font-weight: 800; letter-spacing: 0.06em; text-transform: uppercase; color: var(--_muted); }
.rendered .url { overflow-wrap: anywhere; font-size: 12.5px; }
.rendered.ok { border-color: color-mix(in srgb, var(--_success) 40%, transparent); background: color-mix(in srgb, var(--_success) 7%, var(--_surface)); }
.rendered.ok .label { color: var(--_success); }
.rendered.refused { border-color: color-mix(in srgb, var(--_danger) 40%, transparent); background: color-mix(in srgb, var(--_danger) 7%, var(--_surface)); }
.rendered.refused .label { color: var(--_danger); }
.rendered.pending { background: var(--_surface-2); }
.rendered .fix, .callout .fix { font-size: 12.5px; }
.rendered code.meta { font-size: 11px; color: var(--_muted); }
.request-line { display: flex; gap: 10px; margin-bottom: 10px; }
.request-line select { width: 6.5rem; }
.wire-output { display: grid; gap: 8px; margin-bottom: 10px; }
.wire-line { overflow-wrap: anywhere; padding: 8px 10px; border-radius: var(--_radius); background: var(--_surface-2); border: 1px solid var(--_border); }
.method { font: 700 11.5px var(--_mono); color: var(--_accent-fg); background: var(--_accent); border-radius: 4px; padding: 1px 6px; margin-right: 4px; }
.headers { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 4px 12px; margin: 0; padding: 8px 10px; border: 1px solid var(--_border); border-radius: var(--_radius); }
.headers dt { font: 600 12.5px var(--_mono); color: var(--_muted); }
.headers dd { margin: 0; word-break: break-all; }
.curl summary { cursor: pointer; font-size: 12.5px; color: var(--_muted); font-weight: 600; }
.curl pre, .request pre { margin: 6px 0 0; padding: 8px 10px; background: var(--_surface-2); border: 1px solid var(--_border); border-radius: var(--_radius); white-space: pre-wrap; overflow-wrap: anywhere; max-height: 240px; overflow: auto; }
.wire-actions { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.wire-actions [aria-pressed="true"] { background: color-mix(in srgb, var(--_warning) 14%, var(--_surface)); border-color: var(--_warning); color: var(--_fg); }
.copy-status { font-size: 12.5px; color: var(--_success); }

.manage .panel-head { justify-content: space-between; }
.env-row { display: flex; gap: 8px; align-items: end; margin-bottom: 12px; }
.env-badge { font-size: 11.5px; font-weight: 650; padding: 2px 9px; border-radius: 999px; color: var(--_info); background: color-mix(in srgb, var(--_info) 10%, var(--_surface)); border: 1px solid color-mix(in srgb, var(--_info) 30%, transparent); }
.env-badge[data-production="true"] { color: var(--_warning); background: color-mix(in srgb, var(--_warning) 11%, var(--_surface)); border-color: color-mix(in srgb, var(--_warning) 35%, transparent); }
.list-count { font-size: 12.5px; color: var(--_muted); margin-bottom: 8px; }
.connectors { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.connector { display: flex; align-items: center; gap: 10px; padding: 10px 12px; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); }
.connector.current { border-color: color-mix(in srgb, var(--_accent) 60%, transparent); box-shadow: inset 3px 0 var(--_accent); }
.connector-main { display: flex; flex-direction: column; gap: 3px; min-width: 0; }
.connector-name { font-weight: 650; overflow-wrap: anywhere; }
.connector-meta { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; font-size: 12px; color: var(--_muted); }
.connector-meta code { font-size: 11.5px; }
.connector-actions { margin-left: auto; display: flex; gap: 4px; flex: none; }
.empty { padding: 22px 14px; text-align: center; border: 1px dashed var(--_border-strong); border-radius: var(--_radius); display: grid; gap: 4px; }
.empty-title { font-weight: 600; }
.manage-actions { margin-top: 14px; padding-top: 12px; border-top: 1px solid var(--_border); display: flex; }
.manage-actions:has(> [hidden]:only-child) { display: none; }

/* ---- callouts, dialogs, diffs ----------------------------------------------------------- */
.callout { border: 1px solid var(--_border); border-left-width: 4px; border-radius: var(--_radius); padding: 10px 12px; margin: 10px 0; display: grid; gap: 4px; font-size: 13px; background: var(--_surface); }
.callout-title { font-weight: 650; }
.callout.danger { border-color: color-mix(in srgb, var(--_danger) 35%, transparent); border-left-color: var(--_danger); background: color-mix(in srgb, var(--_danger) 6%, var(--_surface)); }
.callout.warning { border-color: color-mix(in srgb, var(--_warning) 35%, transparent); border-left-color: var(--_warning); background: color-mix(in srgb, var(--_warning) 7%, var(--_surface)); }
.callout.success { border-color: color-mix(in srgb, var(--_success) 35%, transparent); border-left-color: var(--_success); background: color-mix(in srgb, var(--_success) 7%, var(--_surface)); }
.callout.info { border-color: color-mix(in srgb, var(--_info) 30%, transparent); border-left-color: var(--_info); background: color-mix(in srgb, var(--_info) 6%, var(--_surface)); }
.callout ul { margin: 4px 0 0; padding-left: 18px; }
.callout .meta { font-size: 11.5px; color: var(--_muted); font-family: var(--_mono); }
.violations code { font-size: 12px; }
.chip { display: inline-block; padding: 1px 8px; margin: 2px 6px 2px 0; border-radius: 999px; border: 1px solid currentColor; font-size: 12px; }
.chip.add { color: var(--_success); }
.chip.remove { color: var(--_danger); }
.prod-gate .ctl.check { padding: 4px 0 0; }

dialog {
  width: min(560px, calc(100vw - 32px)); max-height: calc(100vh - 48px); padding: 0; border: 1px solid var(--_border); border-radius: 14px;
  background: var(--_surface); color: var(--_fg); font: 14px/1.45 var(--_font); box-shadow: 0 24px 64px rgb(0 0 0 / 0.28);
  display: none; flex-direction: column; overflow: hidden;
}
dialog[open] { display: flex; }
dialog.wide { width: min(1120px, calc(100vw - 32px)); }
dialog::backdrop { background: rgb(13 16 21 / 0.55); }
.dialog-head { display: flex; align-items: center; gap: 12px; padding: 14px 16px 12px 20px; border-bottom: 1px solid var(--_border); }
.dialog-head h2 { font-size: 16px; font-weight: 700; flex: 1; overflow-wrap: anywhere; }
.dialog-body { padding: 16px 20px; overflow: auto; display: grid; gap: 10px; }
.dialog-body > div { display: grid; gap: 10px; }
.dialog-actions { display: flex; justify-content: flex-end; gap: 8px; padding: 12px 20px; border-top: 1px solid var(--_border); background: var(--_surface-2); }
.name-to-type { font-family: var(--_mono); font-size: 12.5px; padding: 0 4px; border-radius: 4px; background: var(--_surface-2); border: 1px solid var(--_border); }
.lede { font-size: 14px; }
.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 6px 16px; margin: 0; padding: 10px 12px; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface-2); font-size: 13px; }
.facts dt { color: var(--_muted); font-weight: 600; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.section-nav { display: flex; gap: 2px; flex-wrap: nowrap; overflow-x: auto; margin-left: 4px; min-width: 0; scrollbar-width: none; }
.section-nav .btn { padding: 2px 8px; font-size: 12px; font-weight: 600; color: var(--_muted); }
.section-nav .btn:hover { color: var(--_fg); }
.diff-summary { display: grid; gap: 8px; }
.diff-summary .callout { margin: 0; }
.promotion { display: grid; gap: 12px; }
.five { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
.five li { display: inline-flex; gap: 6px; align-items: center; padding: 3px 9px; border-radius: 999px; border: 1px solid var(--_border); font-size: 12px; color: var(--_muted); }
.five li.changed { color: var(--_fg); border-color: color-mix(in srgb, var(--_warning) 50%, transparent); background: color-mix(in srgb, var(--_warning) 10%, var(--_surface)); font-weight: 600; }
.five code { font-size: 11.5px; }
.table-wrap { overflow: auto; border: 1px solid var(--_border); border-radius: var(--_radius); max-height: 52vh; }
.diff-table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
.diff-table th, .diff-table td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--_border); }
.diff-table thead th { position: sticky; top: 0; background: var(--_surface-2); font-size: 11.5px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--_muted); z-index: 1; }
.diff-table tbody th { font-weight: 500; width: 26%; }
.diff-table tbody th code { display: block; overflow-wrap: anywhere; }
.diff-table.three td { width: 24.6%; }
.diff-table td.proposed { background: color-mix(in srgb, var(--_accent) 6%, transparent); }
pre.val { margin: 0; max-height: 200px; overflow: auto; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12px; }
.absent { color: var(--_muted); }
.kind { display: inline-block; margin-top: 4px; font-size: 10.5px; font-weight: 800; letter-spacing: 0.05em; text-transform: uppercase; }
.kind.added { color: var(--_success); }
.kind.removed { color: var(--_danger); }
.kind.changed { color: var(--_warning); }
tr.impact td { background: color-mix(in srgb, var(--_warning) 8%, var(--_surface)); font-size: 12.5px; }
.impact-label { font-size: 10.5px; font-weight: 800; letter-spacing: 0.05em; text-transform: uppercase; color: var(--_warning); }
.request summary { cursor: pointer; font-size: 13px; }
.diag-msg code, .diag-fix code, .ctl-diag code, .why code, .fix code, .callout code:not(.chip) {
  font-size: 0.92em; padding: 0 4px; border-radius: 4px; background: color-mix(in srgb, var(--_fg) 7%, transparent);
}
@media (prefers-reduced-motion: reduce) { * { transition: none !important; } }
`;

export const sheet = new CSSStyleSheet();
sheet.replaceSync(css);
