// QQ and Weibo login (`provider`: qq or sina). Each call answers axios' response.
import { client } from "./client.js";

export const oauthApi = {
  // `data.login_url`: the provider's page, which comes back to the callback page.
  authorization: (provider, next) => client.get(`/oauth/${provider}/authorization/`, { params: { next } }),
  // The provider's code: a login, or a token for binding an account.
  user: (provider, code, state) => client.get(`/oauth/${provider}/user/`, { params: { code, state } }),
  bind: (provider, form) => client.post(`/oauth/${provider}/user/`, form),
};
