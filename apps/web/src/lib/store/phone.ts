/**
 * A Taiwan phone number stored as digits, grouped the way people read it: 0912-345-678,
 * 02-2345-6789, 0800-123-456, 037-123456. Anything else is shown as it is.
 */
export function formatTaiwanPhone(digits: string): string {
  if (/^09\d{8}$/.test(digits)) return `${digits.slice(0, 4)}-${digits.slice(4, 7)}-${digits.slice(7)}`;
  if (/^0800\d{6}$/.test(digits)) return `${digits.slice(0, 4)}-${digits.slice(4, 7)}-${digits.slice(7)}`;
  if (/^02\d{8}$/.test(digits)) return `${digits.slice(0, 2)}-${digits.slice(2, 6)}-${digits.slice(6)}`;
  if (/^0[3-8]\d{7,8}$/.test(digits)) {
    // Two-digit area codes (03–08) except the three-digit ones (037 苗栗, 049 南投, 082 金門, 089 台東 …).
    const area = /^0(37|49|82|89)/.test(digits) ? 3 : 2;
    const local = digits.slice(area);
    return local.length === 8 ? `${digits.slice(0, area)}-${local.slice(0, 4)}-${local.slice(4)}` : `${digits.slice(0, area)}-${local}`;
  }
  return digits;
}
