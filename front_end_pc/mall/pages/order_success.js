// order_success.html?order_id&amount&pay
import { errorMessage } from "../api/client.js";
import { createPage } from "../app.js";
import { handleUnauthorized, requireLogin } from "../auth.js";
import { goPay } from "../orders.js";

const params = new URLSearchParams(window.location.search);

if (requireLogin()) {
  createPage({
    data() {
      return {
        orderId: params.get("order_id") || "",
        amount: params.get("amount") || "",
        alipay: params.get("pay") === "2",
        paying: false,
        error: "",
      };
    },
    methods: {
      async pay() {
        this.paying = true;
        this.error = "";
        try {
          await goPay(this.orderId);
        } catch (error) {
          if (!handleUnauthorized(error)) this.error = errorMessage(error, "无法发起支付，请稍后再试");
          this.paying = false;
        }
      },
    },
  });
}
