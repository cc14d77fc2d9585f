// Order calls shared by the order pages.
import { ordersApi } from "./api/orders.js";

export const ORDER_STATUS = { 1: "待支付", 2: "待发货", 3: "待收货", 4: "待评价", 5: "已完成", 6: "已取消" };

// O4: the Alipay page for an unpaid order; the browser goes there.
export async function goPay(orderId) {
  const { data } = await ordersApi.payment(orderId);
  window.location.href = data.alipay_url;
}
