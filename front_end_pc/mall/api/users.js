// Accounts: registration, login, password reset and change, the user centre, e-mail and
// addresses, browsing history (the backend's users app). Each call answers axios' response.
import { client } from "./client.js";

const account = (name) => encodeURIComponent(name);

export const usersApi = {
  usernameCount: (username) => client.get(`/usernames/${account(username)}/count/`),
  mobileCount: (mobile) => client.get(`/mobiles/${mobile}/count/`),
  register: (form) => client.post("/users/", form),
  login: (username, password) => client.post("/authorizations/", { username, password }),
  // Password reset: the masked mobile and a token (after the captcha), then the SMS code's
  // check, then the new password.
  passwordResetStart: (name, captcha) => client.get(`/accounts/${account(name)}/sms/token/`, { params: captcha }),
  passwordResetVerify: (name, smsCode) =>
    client.get(`/accounts/${account(name)}/password/token/`, { params: { sms_code: smsCode } }),
  passwordReset: (userId, form) => client.post(`/users/${userId}/password/`, form),
  passwordChange: (userId, form) => client.put(`/users/${userId}/password/`, form),
  me: () => client.get("/user/"),
  setEmail: (email) => client.put("/emails/", { email }),
  verifyEmail: (token) => client.get("/emails/verification/", { params: { token } }),
  browsed: () => client.get("/browse_histories/"),
  recordBrowsed: (skuId) => client.post("/browse_histories/", { sku_id: skuId }),
  addresses: () => client.get("/addresses/"),
  addAddress: (form) => client.post("/addresses/", form),
  updateAddress: (id, form) => client.put(`/addresses/${id}/`, form),
  deleteAddress: (id) => client.delete(`/addresses/${id}/`),
  makeDefaultAddress: (id) => client.put(`/addresses/${id}/status/`),
  retitleAddress: (id, title) => client.put(`/addresses/${id}/title/`, { title }),
};
