// Money: prices arrive as strings with two decimals; sums are made in cents.
export function cents(price) {
  return Math.round(Number(price) * 100);
}

export function money(value) {
  return Number(value).toFixed(2);
}
