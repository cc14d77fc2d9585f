// What the order pages share (the names of the statuses come from the backend: api/limits.js).
import { ordersApi } from "./api/orders.js";


// O4: the Alipay page for an unpaid order; the browser goes there.
export async function goPay(orderId) {
  const { data } = await ordersApi.payment(orderId);
  window.location.href = data.alipay_url;
}
