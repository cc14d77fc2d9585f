import { errorMessage } from "../api/client.js";
import { usersApi } from "../api/users.js";
import { createPage } from "../app.js";
import { session } from "../session.js";
import { MOBILE_RE, USERNAME_RE, captchaMixin, smsCountdownMixin } from "../verification.js";

createPage({
  mixins: [captchaMixin, smsCountdownMixin],
  data() {
    return {
      form: { username: "", password: "", password2: "", mobile: "", sms_code: "", allow: false },
      errors: {},
      error: "",
      busy: false,
    };
  },
  methods: {
    setError(field, message) {
      this.errors = { ...this.errors, [field]: message };
      return !message;
    },
    // Live checks, as the shopper leaves each field.
    async checkUsername() {
      const name = this.form.username;
      if (!USERNAME_RE.test(name)) return this.setError("username", "用户名为5-20个字母、数字或下划线");
      if (/^\d+$/.test(name)) return this.setError("username", "用户名不能是纯数字");
      this.setError("username", "");
      try {
        const { data } = await usersApi.usernameCount(name);
        if (data.count > 0 && this.form.username === name) return this.setError("username", "用户名已存在");
      } catch {
        // The server checks again on submit.
      }
      return !this.errors.username;
    },
    checkPassword() {
      const length = this.form.password.length;
      return this.setError("password", length >= 8 && length <= 20 ? "" : "密码长度为8-20个字符");
    },
    checkPassword2() {
      return this.setError("password2", this.form.password === this.form.password2 ? "" : "两次输入的密码不一致");
    },
    async checkMobile() {
      const mobile = this.form.mobile;
      if (!MOBILE_RE.test(mobile)) return this.setError("mobile", "请输入正确的手机号码");
      this.setError("mobile", "");
      try {
        const { data } = await usersApi.mobileCount(mobile);
        if (data.count > 0 && this.form.mobile === mobile) return this.setError("mobile", "该手机号已注册");
      } catch {
        // The server checks again on submit.
      }
      return !this.errors.mobile;
    },
    async sendSms() {
      if (!(await this.checkMobile())) return;
      if (!this.imageCode) return this.setError("image_code", "请输入图形验证码");
      this.setError("image_code", "");
      await this.requestSmsCode(this.form.mobile);
    },
    async submit() {
      this.error = "";
      const checks = [this.checkPassword(), this.checkPassword2(), await this.checkUsername(), await this.checkMobile()];
      if (!this.form.sms_code) checks.push(this.setError("sms_code", "请输入短信验证码"));
      if (!this.form.allow) checks.push(this.setError("allow", "请同意用户协议"));
      else this.setError("allow", "");
      if (checks.includes(false)) return;
      this.busy = true;
      try {
        const { data } = await usersApi.register({ ...this.form, allow: String(this.form.allow) });
        session.save(data, true);
        window.location.href = "/index.html";
      } catch (error) {
        const data = error.response && error.response.data;
        if (data && typeof data === "object" && !Array.isArray(data)) {
          for (const [field, messages] of Object.entries(data)) {
            if (field !== "non_field_errors" && Array.isArray(messages)) this.setError(field, messages[0]);
          }
        }
        this.error = errorMessage(error, "注册失败，请稍后再试");
      } finally {
        this.busy = false;
      }
    },
  },
});
