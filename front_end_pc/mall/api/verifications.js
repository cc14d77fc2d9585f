// Captcha images and SMS codes (the backend's verifications app). Each call answers axios'
// response (its `data` is the body).
import { apiOrigin, client } from "./client.js";

export const verificationsApi = {
  imageCodeUrl: (imageCodeId) => `${apiOrigin()}/image_codes/${imageCodeId}/`,
  // The captcha is optional (both parts or neither).
  sendSmsCode: (mobile, captcha = {}) => client.get(`/sms_codes/${mobile}/`, { params: captcha }),
  // The code goes to the mobile behind a password reset's token, which the shopper never sees.
  sendSmsCodeByToken: (accessToken) => client.get("/sms_codes/", { params: { access_token: accessToken } }),
};
