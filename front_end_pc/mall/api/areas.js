// Provinces, and the cities or districts inside an area. Each call answers axios' response.
import { client } from "./client.js";

export const areasApi = {
  provinces: () => client.get("/areas/"),
  // `data.subs`: the areas inside it.
  area: (id) => client.get(`/areas/${id}/`),
};
