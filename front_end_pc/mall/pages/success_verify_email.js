import { errorMessage } from "../api/client.js";
import { usersApi } from "../api/users.js";
import { createPage } from "../app.js";

createPage({
  data() {
    return { state: "checking", message: "" };
  },
  async mounted() {
    const token = new URLSearchParams(window.location.search).get("token");
    if (!token) {
      this.state = "failed";
      this.message = "链接不完整，请从邮件中的链接重新打开。";
      return;
    }
    try {
      await usersApi.verifyEmail(token);
      this.state = "ok";
    } catch (error) {
      this.state = "failed";
      this.message = errorMessage(error, "验证失败，请稍后再试");
    }
  },
});
