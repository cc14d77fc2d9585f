// Pages that need a logged-in shopper.
import { session } from "./session.js";

export function loginUrl(next = window.location.pathname + window.location.search) {
  return `/login.html?next=${encodeURIComponent(next)}`;
}

// Send a logged-out visitor to the login page, to come back here afterwards.
export function requireLogin() {
  if (session.token) return true;
  window.location.replace(loginUrl());
  return false;
}

// A 401 means the token has expired: log out and log in again.
export function handleUnauthorized(error) {
  if (error.response && error.response.status === 401) {
    session.clear();
    window.location.replace(loginUrl());
    return true;
  }
  return false;
}

// Only paths on this site: `?next=https://evil.example` must not send a shopper away. Judged
// as the browser itself reads the address (it drops tabs and newlines and takes "\\" for "/",
// so "/\t/evil.example" is "//evil.example"), and what was judged is where the shopper goes.
export function safeNext(next, fallback = "/index.html") {
  if (typeof next !== "string" || !next.startsWith("/")) return fallback;
  let url;
  try {
    url = new URL(next, window.location.origin);
  } catch {
    return fallback;
  }
  if (url.origin !== window.location.origin) return fallback;
  return url.pathname + url.search + url.hash;
}
