// The cart, for every page: the API calls (K1–K5) and the mini-cart's count. Pages that
// change the cart call `announceCount`, and the header's mini-cart follows.
import { api } from "./api.js";

const CHANGED = "meiduo:cart-changed";

export const cartApi = {
  lines: () => api.get("/cart/").then(({ data }) => data),
  add: (skuId, count) => api.post("/cart/", { sku_id: skuId, count }).then(({ data }) => data),
  update: (skuId, count, selected) => api.put("/cart/", { sku_id: skuId, count, selected }).then(({ data }) => data),
  remove: (skuId) => api.delete("/cart/", { data: { sku_id: skuId } }),
  selectAll: (selected) => api.put("/cart/selection/", { selected }),
};

export function totalCount(lines) {
  return lines.reduce((sum, line) => sum + line.count, 0);
}

export function announceCount(count) {
  window.dispatchEvent(new CustomEvent(CHANGED, { detail: { count } }));
}

// Ask the server again (after an add, whose answer is one line only).
export async function refreshCount() {
  announceCount(totalCount(await cartApi.lines()));
}

export function onCountChange(callback) {
  window.addEventListener(CHANGED, (event) => callback(event.detail.count));
}
