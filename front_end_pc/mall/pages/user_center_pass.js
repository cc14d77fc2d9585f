import { errorMessage } from "../api/client.js";
import { usersApi } from "../api/users.js";
import { createPage } from "../app.js";
import { handleUnauthorized, requireLogin } from "../auth.js";
import { UserCentrePage } from "../components/user_centre.js";
import { session } from "../session.js";

if (requireLogin()) {
  createPage({
    components: { UserCentrePage },
    data() {
      return { form: { old_password: "", password: "", password2: "" }, busy: false, error: "", done: false };
    },
    methods: {
      async submit() {
        this.error = "";
        const { old_password, password, password2 } = this.form;
        if (!old_password) return (this.error = "请输入当前密码");
        if (password.length < 8 || password.length > 20) return (this.error = "密码长度为8-20个字符");
        if (password !== password2) return (this.error = "两次输入的密码不一致");
        this.busy = true;
        try {
          await usersApi.passwordChange(session.userId, this.form);
          session.clear();
          this.done = true;
        } catch (error) {
          if (!handleUnauthorized(error)) this.error = errorMessage(error, "密码修改失败");
        } finally {
          this.busy = false;
        }
      },
    },
  });
}
