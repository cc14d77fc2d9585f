// The catalog: categories, their SKUs and best sellers, search, a SKU's comments. Each call
// answers axios' response.
import { client } from "./client.js";

export const goodsApi = {
  // The breadcrumb of a category.
  category: (categoryId) => client.get(`/categories/${categoryId}/`),
  // A page of a category's SKUs: `params` are page, page_size and ordering.
  skus: (categoryId, params) => client.get(`/categories/${categoryId}/skus/`, { params }),
  hotSkus: (categoryId) => client.get(`/categories/${categoryId}/hotskus/`),
  // `params`: text, page, page_size.
  search: (params) => client.get("/skus/search/", { params }),
  // The header X-Total-Count says how many comments there are in all.
  comments: (skuId) => client.get(`/skus/${skuId}/comments/`),
};
