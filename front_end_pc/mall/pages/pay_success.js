// pay_success.html: Alipay's return_url. Its query goes to O5 as it came, to be verified.
import { errorMessage } from "../api/client.js";
import { ordersApi } from "../api/orders.js";
import { createPage } from "../app.js";

const query = window.location.search;
const params = new URLSearchParams(query);

createPage({
  data() {
    return {
      checking: true,
      tradeId: "",
      error: "",
      orderId: params.get("out_trade_no") || "",
      amount: params.get("total_amount") || "",
    };
  },
  async mounted() {
    if (!params.get("out_trade_no")) {
      // Opened by hand, not on the way back from Alipay: nothing to confirm.
      this.error = "没有支付结果可以确认：这个页面在支付宝付款后打开。订单的付款状态请到我的订单中查看。";
      this.checking = false;
      return;
    }
    try {
      const { data } = await ordersApi.paymentStatus(query);
      this.tradeId = data.trade_id;
    } catch (error) {
      this.error = errorMessage(error, "无法确认支付结果，请到我的订单中查看");
    } finally {
      this.checking = false;
    }
  },
});
