import { errorMessage } from "../api/client.js";
import { usersApi } from "../api/users.js";
import { createPage } from "../app.js";
import { handleUnauthorized, requireLogin } from "../auth.js";
import { SkuGrid } from "../components/goods.js";
import { UserCentrePage } from "../components/user_centre.js";
import { EMAIL_RE } from "../verification.js";

if (requireLogin()) {
  createPage({
    components: { SkuGrid, UserCentrePage },
    data() {
      return {
        loading: true, loadError: "", user: {}, editing: false, email: "", busy: false, emailError: "", emailSent: false,
        history: [], historyError: "",
      };
    },
    mounted() {
      this.load();
      this.loadHistory();
    },
    methods: {
      async load() {
        this.loading = true;
        this.loadError = "";
        try {
          this.user = (await usersApi.me()).data;
        } catch (error) {
          if (!handleUnauthorized(error)) this.loadError = errorMessage(error, "个人信息加载失败");
        } finally {
          this.loading = false;
        }
      },
      async loadHistory() {
        try {
          this.history = (await usersApi.browsed()).data;
        } catch (error) {
          if (!handleUnauthorized(error)) this.historyError = errorMessage(error, "浏览记录加载失败");
        }
      },
      startEditing() {
        this.email = this.user.email;
        this.editing = true;
        this.emailSent = false;
      },
      async saveEmail(email) {
        this.emailError = "";
        if (!EMAIL_RE.test(email || "")) return (this.emailError = "请输入正确的邮箱地址");
        this.busy = true;
        try {
          const { data } = await usersApi.setEmail(email);
          if (data.email !== this.user.email) this.user = { ...this.user, email: data.email, email_active: false };
          this.editing = false;
          this.emailSent = true;
        } catch (error) {
          if (!handleUnauthorized(error)) this.emailError = errorMessage(error, "邮箱保存失败");
        } finally {
          this.busy = false;
        }
      },
    },
  });
}
