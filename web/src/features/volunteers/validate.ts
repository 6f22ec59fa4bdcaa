// Client-side checks of the registration fields (the server checks them again): a mainland phone number
// (11 digits starting with 1) and an 18-character resident ID with its ISO 7064 MOD 11-2 check digit.
export function validPhone(s: string): boolean {
  return /^1\d{10}$/.test(s.trim());
}

export function validIdNumber(raw: string): boolean {
  const s = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * weights[i];
  return '10X98765432'[sum % 11] === s[17];
}
