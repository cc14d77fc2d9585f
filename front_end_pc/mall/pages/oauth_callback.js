// oauth_callback.html (QQ) and sina_callback.html (Weibo): the provider sends the shopper
// back with ?code&state. A bound account logs straight in; otherwise the shopper binds it to
// their mobile (an existing account's password, or a new account), with an SMS code.
import { errorMessage } from "../api/client.js";
import { oauthApi } from "../api/oauth.js";
import { createPage } from "../app.js";
import { safeNext } from "../auth.js";
import { session } from "../session.js";
import { MOBILE_RE, captchaMixin, smsCountdownMixin } from "../verification.js";

const PROVIDERS = { "/oauth_callback.html": { key: "qq", name: "QQ" }, "/sina_callback.html": { key: "sina", name: "微博" } };
const provider = PROVIDERS[window.location.pathname] || PROVIDERS["/oauth_callback.html"];
const params = new URLSearchParams(window.location.search);

const OAuthCallback = {
  name: "OAuthCallback",
  mixins: [captchaMixin, smsCountdownMixin],
  data() {
    return {
      provider, checking: true, failure: "", accessToken: "", next: "", busy: false, error: "", errors: {},
      form: { mobile: "", password: "", sms_code: "" },
    };
  },
  async mounted() {
    const code = params.get("code");
    if (!code) {
      this.failure = `${provider.name} 没有完成授权，请回到登录页重试`;
      this.checking = false;
      return;
    }
    try {
      // The state goes back to the API, which checks it was this browser that started the
      // login (a cookie) and answers where to go afterwards.
      const { data } = await oauthApi.user(provider.key, code, params.get("state"));
      this.next = data.next || "";
      if (data.token) return this.loggedIn(data);
      this.accessToken = data.access_token;
    } catch (error) {
      this.failure = errorMessage(error, `${provider.name} 登录失败，请稍后再试`);
    }
    this.checking = false;
  },
  methods: {
    loggedIn(data) {
      session.save(data, true);
      window.location.replace(safeNext(this.next));
    },
    setError(field, message) {
      this.errors = { ...this.errors, [field]: message };
      return !message;
    },
    async sendSms() {
      if (!MOBILE_RE.test(this.form.mobile)) return this.setError("mobile", "请输入正确的手机号码");
      this.setError("mobile", "");
      if (!this.imageCode) return this.setError("image_code", "请输入图形验证码");
      this.setError("image_code", "");
      await this.requestSmsCode(this.form.mobile);
    },
    async bind() {
      this.error = "";
      const checks = [
        this.setError("mobile", MOBILE_RE.test(this.form.mobile) ? "" : "请输入正确的手机号码"),
        this.setError("password", this.form.password.length >= 8 && this.form.password.length <= 20 ? "" : "密码为 8–20 个字符"),
        this.setError("sms_code", this.form.sms_code ? "" : "请输入短信验证码"),
      ];
      if (checks.includes(false)) return;
      this.busy = true;
      try {
        const { data } = await oauthApi.bind(provider.key, { ...this.form, access_token: this.accessToken });
        this.loggedIn(data);
      } catch (error) {
        this.error = errorMessage(error, "绑定失败，请稍后再试");
        this.busy = false;
      }
    },
  },
  template: `
    <site-header :slogan="provider.name + ' 登录'"></site-header>
    <main class="page-main">
      <div class="wrap auth-layout">
        <section class="auth-card oauth-card">
          <p v-if="checking" class="notice">正在确认 {{ provider.name }} 授权…</p>
          <template v-else-if="failure">
            <p class="form-error" role="alert">{{ failure }}</p>
            <a class="btn" href="/login.html">回到登录页</a>
          </template>
          <template v-else>
            <h1>绑定美多商城账号</h1>
            <p class="oauth-intro">你的 {{ provider.name }} 账号还没有绑定。输入手机号：已注册的请填写该账号的密码，未注册的将用此手机号创建新账号。</p>
            <form class="form" @submit.prevent="bind" novalidate>
              <p v-if="error" class="form-error" role="alert">{{ error }}</p>
              <div class="field" :class="{ invalid: errors.mobile }">
                <label for="mobile">手机号</label>
                <input id="mobile" type="text" v-model.trim="form.mobile" maxlength="11" autocomplete="tel" placeholder="请输入手机号">
                <p v-if="errors.mobile" class="field-error">{{ errors.mobile }}</p>
              </div>
              <div class="field" :class="{ invalid: errors.password }">
                <label for="password">密码</label>
                <input id="password" type="password" v-model="form.password" autocomplete="current-password" placeholder="已注册账号的密码，或新账号的密码">
                <p v-if="errors.password" class="field-error">{{ errors.password }}</p>
              </div>
              <div class="field" :class="{ invalid: errors.image_code }">
                <label for="image_code">图形验证码</label>
                <div class="field-row">
                  <input id="image_code" type="text" v-model.trim="imageCode" maxlength="4" autocomplete="off">
                  <img class="captcha-img" :src="imageCodeUrl" alt="图形验证码" title="看不清？点击换一张" @click="refreshCaptcha">
                </div>
                <p v-if="errors.image_code" class="field-error">{{ errors.image_code }}</p>
              </div>
              <div class="field" :class="{ invalid: errors.sms_code }">
                <label for="sms_code">短信验证码</label>
                <div class="field-row">
                  <input id="sms_code" type="text" v-model.trim="form.sms_code" maxlength="6" autocomplete="one-time-code">
                  <button type="button" class="btn-sms" :disabled="smsWait > 0 || smsSending" @click="sendSms">{{ smsButtonText }}</button>
                </div>
                <p v-if="smsSent && !errors.sms_code" class="field-hint">短信验证码已发送至 {{ form.mobile }}<template v-if="smsValidMinutes">，{{ smsValidMinutes }} 分钟内有效</template></p>
                <p v-if="errors.sms_code" class="field-error">{{ errors.sms_code }}</p>
              </div>
              <button class="btn btn-block" type="submit" :disabled="busy">{{ busy ? "绑定中…" : "绑定并登录" }}</button>
            </form>
          </template>
        </section>
      </div>
    </main>
    <site-footer></site-footer>`,
};

// Registered under its tag: Vue would look for "OauthCallback", not "OAuthCallback".
createPage({ components: { "oauth-callback": OAuthCallback } });
