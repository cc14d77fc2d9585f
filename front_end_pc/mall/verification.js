// Shared by the pages that ask for a captcha and an SMS code (register, find password,
// the QQ and Weibo binding).
import { errorMessage } from "./api/client.js";
import { limits } from "./api/limits.js";
import { verificationsApi } from "./api/verifications.js";

// A v4 UUID for the captcha. crypto.randomUUID() exists only in secure contexts, and the
// storefront is served over plain HTTP on www.meiduo.site in development.
export function newUuid() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const MOBILE_RE = /^1[3-9]\d{9}$/;
// A plausible address; the server's EmailField has the last word.
export const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
// Python's \w on the server: letters (any script), digits and underscores.
export const USERNAME_RE = /^[\p{L}\p{N}_]{5,20}$/u;

export const captchaMixin = {
  data() {
    return { imageCodeId: "", imageCodeUrl: "", imageCode: "" };
  },
  created() {
    this.refreshCaptcha();
  },
  methods: {
    // A captcha is good for one check: after any check, show a new one.
    refreshCaptcha() {
      this.imageCodeId = newUuid();
      this.imageCodeUrl = verificationsApi.imageCodeUrl(this.imageCodeId);
      this.imageCode = "";
    },
  },
};

export const smsCountdownMixin = {
  data() {
    return { smsWait: 0, smsSending: false, smsTimer: null, smsSent: false, smsValidMinutes: null };
  },
  computed: {
    smsButtonText() {
      if (this.smsSending) return "发送中…";
      return this.smsWait ? `${this.smsWait} 秒后重新获取` : "获取短信验证码";
    },
  },
  methods: {
    // V2 with the captcha the shopper typed: on success the button counts down; a refusal
    // lands under the captcha or the code field. Needs the captcha mixin and setError().
    async requestSmsCode(mobile) {
      this.smsSending = true;
      try {
        await verificationsApi.sendSmsCode(mobile, { text: this.imageCode, image_code_id: this.imageCodeId });
        this.smsSent = true;
        this.setError("sms_code", "");
        await this.startSmsCountdown();
      } catch (error) {
        const message = errorMessage(error, "短信发送失败，请稍后再试");
        this.setError(message.includes("图片验证码") ? "image_code" : "sms_code", message);
      } finally {
        this.smsSending = false;
        this.refreshCaptcha();
      }
    },
    // The button waits as long as the backend refuses another code for the mobile, and the
    // hint says how long the code stays valid (neither if the limits cannot be read: the
    // backend still refuses, with its message).
    async startSmsCountdown() {
      const known = await limits().catch(() => ({ sms_resend_seconds: 0, sms_code_seconds: null }));
      const seconds = known.sms_resend_seconds;
      this.smsValidMinutes = known.sms_code_seconds && Math.round(known.sms_code_seconds / 60);
      clearInterval(this.smsTimer);
      this.smsWait = seconds;
      this.smsTimer = setInterval(() => {
        this.smsWait -= 1;
        if (this.smsWait <= 0) clearInterval(this.smsTimer);
      }, 1000);
    },
  },
  beforeUnmount() {
    clearInterval(this.smsTimer);
  },
};
