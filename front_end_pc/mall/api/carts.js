// The cart: the guest's (a cookie on the API host) or the shopper's. These calls answer the
// body itself (the cart's lines, or the line changed).
import { client } from "./client.js";

export const cartApi = {
  lines: () => client.get("/cart/").then(({ data }) => data),
  add: (skuId, count) => client.post("/cart/", { sku_id: skuId, count }).then(({ data }) => data),
  update: (skuId, count, selected) =>
    client.put("/cart/", { sku_id: skuId, count, selected }).then(({ data }) => data),
  remove: (skuId) => client.delete("/cart/", { data: { sku_id: skuId } }),
  selectAll: (selected) => client.put("/cart/selection/", { selected }),
};
