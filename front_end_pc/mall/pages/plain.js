// Pages with nothing of their own but the shared header and footer: 404.html (served by nginx
// and the development server for any page that does not exist) and agreement.html.
import { createPage } from "../app.js";

createPage({});
