// The limits the backend enforces (GET /limits/): how long until another SMS code, how many
// of one SKU a cart line holds, the order statuses' names. Asked once per page, when first
// needed; the browser may keep the answer a few minutes. Nothing here retypes them.
import { client } from "./client.js";

let asked = null;

export function limits() {
  if (!asked) {
    asked = client.get("/limits/").then(({ data }) => data);
    asked.catch(() => (asked = null)); // a failed ask is asked again next time
  }
  return asked;
}
