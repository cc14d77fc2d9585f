// The mini-cart's count, for every page (the cart's calls are api/carts.js). Pages that
// change the cart call `announceCount`, and the header's mini-cart follows.
import { cartApi } from "./api/carts.js";

const CHANGED = "meiduo:cart-changed";

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
