// The one place that knows where the API lives and how to call it. Only the modules of this
// folder call it (one per domain, each URL written once there); pages and components use them.
import axios from "../vendor/axios.esm.min.js";
import { session } from "../session.js";

// The API host follows the page's own host: www.meiduo.site:8080 → api.meiduo.site:8000,
// 127.0.0.1:8080 → 127.0.0.1:8000. Behind a proxy on the default port (www.example.com)
// the API is api.example.com on the same port.
export function apiOrigin(location = window.location) {
  const { protocol, hostname, port } = location;
  const host = hostname.startsWith("www.") ? `api.${hostname.slice(4)}` : hostname;
  const apiPort = port === "8080" ? "8000" : port;
  return `${protocol}//${host}${apiPort ? `:${apiPort}` : ""}`;
}

export const client = axios.create({
  baseURL: apiOrigin(),
  // The anonymous cart lives in a cookie on the API host.
  withCredentials: true,
  timeout: 10000,
});

client.interceptors.request.use((config) => {
  const token = session.token;
  if (token) config.headers.Authorization = `JWT ${token}`;
  return config;
});

// A 503 (the database, Redis or the task queue is down) is announced by every page's header,
// whatever the page itself does with the failed call; the header may mount after the call.
const busyListeners = new Set();
let serviceBusy = false;
export function onServiceBusy(listener) {
  busyListeners.add(listener);
  if (serviceBusy) listener();
}
client.interceptors.response.use(
  (response) => response,
  (error) => {
    if (error.response && error.response.status === 503) {
      serviceBusy = true;
      busyListeners.forEach((listener) => listener());
    }
    return Promise.reject(error);
  },
);

// A sentence to show the shopper for a failed call.
export function errorMessage(error, fallback = "操作失败，请稍后再试") {
  if (!error.response) return "无法连接服务器，请检查网络后重试";
  const data = error.response.data;
  if (Array.isArray(data) && data.length) return String(data[0]);
  if (data && typeof data === "object") {
    if (data.message) return data.message;
    if (data.non_field_errors) return data.non_field_errors[0];
    if (data.detail) return data.detail;
    const first = Object.values(data)[0];
    if (Array.isArray(first) && first.length) return String(first[0]);
  }
  return fallback;
}
