// Copies the browser builds of our npm dependencies into mall/vendor/, so the storefront is
// plain static files: any web server (python -m http.server, nginx) serves it as it is.
// Runs after every `npm ci` / `npm install` (the "postinstall" script).
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const files = {
  "vue.esm-browser.prod.js": "node_modules/vue/dist/vue.esm-browser.prod.js",
  "axios.esm.min.js": "node_modules/axios/dist/esm/axios.min.js",
};

mkdirSync(join(root, "mall/vendor"), { recursive: true });
for (const [target, source] of Object.entries(files)) {
  copyFileSync(join(root, source), join(root, "mall/vendor", target));
}
console.log(`storefront: copied ${Object.keys(files).length} vendor files into mall/vendor/`);
