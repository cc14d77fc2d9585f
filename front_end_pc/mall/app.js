// Every page is a Vue app created here, so each gets the shared header and footer.
import { createApp } from "./vendor/vue.esm-browser.prod.js";
import { SiteFooter, SiteHeader } from "./components/layout.js";

export function createPage(options, selector = "#app") {
  const app = createApp(options);
  app.component("site-header", SiteHeader);
  app.component("site-footer", SiteFooter);
  return app.mount(selector);
}
