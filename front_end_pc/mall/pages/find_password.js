// Four steps, each with its own short-lived token from the API (docs/api.md, users: F1, V3, F3, F4):
// F1 account + captcha → V3 SMS → F3 code → F4 new password.
import { errorMessage } from "../api/client.js";
import { usersApi } from "../api/users.js";
import { verificationsApi } from "../api/verifications.js";
import { createPage } from "../app.js";
import { captchaMixin, smsCountdownMixin } from "../verification.js";

createPage({
  mixins: [captchaMixin, smsCountdownMixin],
  data() {
    return {
      stepLabels: ["填写账号", "身份验证", "设置新密码", "完成"],
      step: 1,
      account: "",
      maskedMobile: "",
      mobileToken: "",
      smsCode: "",
      userId: null,
      resetToken: "",
      password: "",
      password2: "",
      busy: false,
      error: "",
    };
  },
  methods: {
    async run(action, fallback) {
      this.error = "";
      this.busy = true;
      try {
        await action();
      } catch (error) {
        this.error = errorMessage(error, fallback);
      } finally {
        this.busy = false;
      }
    },
    start() {
      if (!this.account) return (this.error = "请输入用户名或手机号");
      if (!this.imageCode) return (this.error = "请输入图形验证码");
      return this.run(async () => {
        try {
          const { data } = await usersApi.passwordResetStart(this.account, {
            text: this.imageCode,
            image_code_id: this.imageCodeId,
          });
          this.maskedMobile = data.mobile;
          this.mobileToken = data.access_token;
          this.step = 2;
        } finally {
          this.refreshCaptcha();
        }
      }, "账号验证失败，请稍后再试");
    },
    async sendSms() {
      this.error = "";
      this.smsSending = true;
      try {
        await verificationsApi.sendSmsCodeByToken(this.mobileToken);
        this.smsSent = true;
        await this.startSmsCountdown();
      } catch (error) {
        this.error = errorMessage(error, "短信发送失败，请稍后再试");
      } finally {
        this.smsSending = false;
      }
    },
    verify() {
      if (!this.smsCode) return (this.error = "请输入短信验证码");
      return this.run(async () => {
        const { data } = await usersApi.passwordResetVerify(this.account, this.smsCode);
        this.userId = data.user_id;
        this.resetToken = data.access_token;
        this.step = 3;
      }, "验证失败，请稍后再试");
    },
    reset() {
      if (this.password.length < 8 || this.password.length > 20) return (this.error = "密码长度为8-20个字符");
      if (this.password !== this.password2) return (this.error = "两次输入的密码不一致");
      return this.run(async () => {
        await usersApi.passwordReset(this.userId, {
          password: this.password,
          password2: this.password2,
          access_token: this.resetToken,
        });
        this.step = 4;
      }, "密码设置失败，请稍后再试");
    },
  },
});
