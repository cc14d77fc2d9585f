// The logged-in shopper, as the classic storefronts keep it: `token`, `user_id` and
// `username` in localStorage ("remember me") or sessionStorage.
const KEYS = ["token", "user_id", "username"];

function read(key) {
  return sessionStorage.getItem(key) || localStorage.getItem(key);
}

export const session = {
  get token() { return read("token"); },
  get userId() { return read("user_id"); },
  get username() { return read("username"); },
  save({ token, user_id, username }, remember) {
    this.clear();
    const storage = remember ? localStorage : sessionStorage;
    storage.setItem("token", token);
    storage.setItem("user_id", user_id);
    storage.setItem("username", username);
  },
  clear() {
    for (const key of KEYS) {
      localStorage.removeItem(key);
      sessionStorage.removeItem(key);
    }
  },
};
