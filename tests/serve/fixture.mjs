// A throwaway page and package for in-process serve tests (not a test file itself):
// known files, an import map, and symlinks that try to climb out.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServe } from "../../pkg/lib/serve/index.mjs";

export const IMPORT_MAP = `\r\n  {"imports": {"connector-kit": "/pkg/index.js"}}\r\n`;
export const SECRET_TEXT = "TOP-SECRET-OUTSIDE-THE-ROOT";

/** Creates the fixture; returns its paths and a remove(). */
export function makeFixture() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ck-serve-"));
  const www = path.join(root, "www");
  const pkg = path.join(root, "pkg");
  const write = (p, text) => {
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  };
  write(path.join(root, "secret.txt"), SECRET_TEXT);
  write(path.join(root, "outside", "also-secret.txt"), SECRET_TEXT);
  write(path.join(www, "index.html"),
    `<!doctype html>\n<html><head><script type="importmap">${IMPORT_MAP}</script>\n<script type="module" src="/www/app.js"></script></head>\n<body><connector-builder></connector-builder></body></html>\n`);
  write(path.join(www, "app.js"), 'import * as ck from "connector-kit";\ndocument.documentElement.dataset.loaded = typeof ck;\nexport const app = 1;\n');
  write(path.join(www, "style.css"), "body{}\n");
  write(path.join(www, "icon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>\n");
  write(path.join(www, "data.json"), "{}\n");
  write(path.join(www, "module.mjs"), "export {};\n");
  write(path.join(www, "font.woff2"), "wOF2");
  write(path.join(www, "blob.bin"), Buffer.from([0, 1]));
  write(path.join(www, "sub", "dir", "deep.txt"), "deep\n");
  write(path.join(www, ".hidden"), SECRET_TEXT);
  fs.symlinkSync(path.join(root, "secret.txt"), path.join(www, "escape.txt"));
  fs.symlinkSync("../secret.txt", path.join(www, "relative-escape.txt"));
  fs.symlinkSync(path.join(root, "outside"), path.join(www, "linkdir"));
  fs.symlinkSync("app.js", path.join(www, "alias.js"));

  write(path.join(pkg, "package.json"), JSON.stringify({ name: "connector-kit", version: "9.9.9-fixture", marker: SECRET_TEXT }));
  write(path.join(pkg, "index.js"), "export * from './wasm/api.js';\n");
  write(path.join(pkg, "node.mjs"), `// ${SECRET_TEXT}\n`);
  write(path.join(pkg, "index.d.ts"), `// ${SECRET_TEXT}\n`);
  write(path.join(pkg, "wasm", "api.js"), "export {};\n");
  write(path.join(pkg, "wasm", "heal.cjs"), `// ${SECRET_TEXT}\n`);
  write(path.join(pkg, "wasm", "web", "connector_kit.js"), "export default function init() {}\n");
  write(path.join(pkg, "wasm", "web", "connector_kit_bg.wasm"), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  write(path.join(pkg, "wasm", "web", "connector_kit.d.ts"), `// ${SECRET_TEXT}\n`);
  write(path.join(pkg, "wasm", "node", "connector_kit.js"), `// ${SECRET_TEXT}\n`);
  write(path.join(pkg, "lib", "heal.js"), "export function heal() {}\n");
  write(path.join(pkg, "lib", "errors.js"), "export class ConnectorError extends Error {}\n");
  write(path.join(pkg, "lib", "emulator.mjs"), `// ${SECRET_TEXT}\n`);
  write(path.join(pkg, "lib", "serve", "index.mjs"), `// ${SECRET_TEXT}\n`);
  write(path.join(pkg, "bin", "connector-kit.mjs"), `// ${SECRET_TEXT}\n`);
  write(path.join(pkg, "www", "index.html"), `${SECRET_TEXT}\n`);
  fs.symlinkSync(path.join(root, "secret.txt"), path.join(pkg, "wasm", "web", "stolen.js"));
  fs.symlinkSync(path.join(root, "secret.txt"), path.join(pkg, "wasm", "web", "stolen.wasm"));

  return { root, www, pkg, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** startServe over the fixture; `environments` as for startServe. Collects log lines. */
export async function startFixtureServe(fixture, opts = {}) {
  const logs = [];
  const server = await startServe({
    environments: [],
    wwwDirs: [fixture.www],
    pkgDir: fixture.pkg,
    log: (l) => logs.push(l),
    ...opts,
  });
  return { ...server, logs };
}
