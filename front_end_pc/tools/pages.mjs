// Makes the storefront's static pages: each pages/<name>.html holds one page's own content and,
// on its first line, what its head needs:
//   <!-- page: title="用户登录" script="login" body-class="auth-page" -->
// (the title before " - 美多商城", its module under mall/pages/, an optional class of <body>).
// tools/shell.html is the head and shell every page shares, written once; each page is
// written to <name>.html beside this folder, where the web server finds it.
// Runs after every `npm ci` / `npm install` (the "postinstall" script) and from `make`
// when a page changes; `node tools/pages.mjs OUT` writes the pages into OUT instead.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = process.argv[2] ?? root;
const shell = readFileSync(join(root, "tools/shell.html"), "utf8");
const HEADER = /^<!-- page: (.*?) -->\n/;
const escape = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

function page(name, source) {
  const header = HEADER.exec(source);
  if (!header) {
    throw new Error(`pages/${name}: the first line must be <!-- page: title="..." script="..." -->`);
  }
  const meta = Object.fromEntries([...header[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  for (const wanted of ["title", "script"]) {
    if (!meta[wanted]) throw new Error(`pages/${name}: no ${wanted}="..." in its first line`);
  }
  if (!/^[\w-]+$/.test(meta.script)) throw new Error(`pages/${name}: script="${meta.script}" is not a module name`);
  const fields = {
    name,
    title: escape(meta.title),
    script: meta.script,
    body: meta["body-class"] ? ` class="${escape(meta["body-class"])}"` : "",
    content: source.slice(header[0].length),
  };
  return shell.replace(/\{\{(\w+)\}\}/g, (_, key) => fields[key]);
}

const names = readdirSync(join(root, "pages")).filter((name) => name.endsWith(".html")).sort();
mkdirSync(out, { recursive: true });
for (const name of names) {
  writeFileSync(join(out, name), page(name, readFileSync(join(root, "pages", name), "utf8")));
}
console.log(`storefront: made ${names.length} pages from pages/ and tools/shell.html`);
