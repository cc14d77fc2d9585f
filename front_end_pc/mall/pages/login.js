import { errorMessage } from "../api/client.js";
import { oauthApi } from "../api/oauth.js";
import { usersApi } from "../api/users.js";
import { createPage } from "../app.js";
import { safeNext } from "../auth.js";
import { session } from "../session.js";

createPage({
  data() {
    return { username: "", password: "", remember: true, busy: false, error: "", errors: {}, oauthBusy: "" };
  },
  methods: {
    validate() {
      this.errors = {};
      if (!this.username) this.errors.username = "请输入用户名或手机号";
      if (!this.password) this.errors.password = "请输入密码";
      return !Object.keys(this.errors).length;
    },
    // QQ or Weibo: the provider's login page, which comes back to oauth_callback.html or
    // sina_callback.html with `state` = where to go afterwards.
    async oauth(provider) {
      this.error = "";
      this.oauthBusy = provider;
      try {
        const next = safeNext(new URLSearchParams(window.location.search).get("next"));
        const { data } = await oauthApi.authorization(provider, next);
        window.location.href = data.login_url;
      } catch (error) {
        this.error = errorMessage(error, "暂时无法使用第三方登录，请稍后再试");
        this.oauthBusy = "";
      }
    },
    async submit() {
      this.error = "";
      if (!this.validate()) return;
      this.busy = true;
      try {
        const { data } = await usersApi.login(this.username, this.password);
        // Remember me: localStorage survives closing the browser; sessionStorage does not.
        session.save(data, this.remember);
        const next = new URLSearchParams(window.location.search).get("next");
        window.location.href = safeNext(next);
      } catch (error) {
        this.error = errorMessage(error, "登录失败，请稍后再试");
      } finally {
        this.busy = false;
      }
    },
  },
});
