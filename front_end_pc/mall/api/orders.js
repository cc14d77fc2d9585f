// Settlement, orders, comments and payment (the backend's orders and payment apps). Each call
// answers axios' response.
import { client } from "./client.js";

const order = (orderId) => encodeURIComponent(orderId);

export const ordersApi = {
  settlement: () => client.get("/orders/settlement/"),
  // The same key for every try of one submission: the order is placed once.
  place: (form, idempotencyKey) => client.post("/orders/", form, { headers: { "Idempotency-Key": idempotencyKey } }),
  // `params`: page, page_size.
  list: (params) => client.get("/orders/", { params }),
  // `action`: what the shopper does to it (e.g. cancel, receive), as the order list offers.
  change: (orderId, action) => client.put(`/orders/${order(orderId)}/${action}/`),
  uncommented: (orderId) => client.get(`/orders/${order(orderId)}/uncommentgoods/`),
  comment: (orderId, form) => client.post(`/orders/${order(orderId)}/comments/`, form),
  // `data.alipay_url`: the Alipay page to pay it on.
  payment: (orderId) => client.get(`/orders/${order(orderId)}/payment/`),
  // Alipay's return parameters (the query it came back with), verified by the backend.
  paymentStatus: (query) => client.put(`/payment/status/${query}`),
};
