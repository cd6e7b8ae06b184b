// Number → text the way ASA (a .NET program) prints it. Two forms matter:
// - CAST(x AS nvarchar(max)) and CONCAT use .NET's double.ToString() (invariant culture): the shortest
//   digits that round-trip, switching to `E` notation from 1E+15 up and below 1E-04
//   (`1E+15`, `1.5E-05`), where JavaScript switches only at 1e21 and 1e-7.
// - JSON output writes a float with a fraction or exponent always, so a whole float prints as `3.0`;
//   the reference pages show float results that way (ROUND(1.0, 0) → `1.0`, ROUND(123.4, -1) →
//   `120.0`, CreatePoint → `"coordinates" : [-10.2, 3.0]`), while a bigint prints as `3`.
// Sources: https://learn.microsoft.com/stream-analytics-query/round-azure-stream-analytics,
// https://learn.microsoft.com/stream-analytics-query/createpoint

/** .NET double.ToString() (shortest round-trip, "G" layout). */
export function formatFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const abs = Math.abs(n);
  if (abs >= 1e-4 && abs < 1e15) {
    // Plain layout; JS's String() is plain in this range and gives the same shortest digits.
    return String(n);
  }
  // toExponential() without an argument gives the shortest round-trip mantissa, e.g. "1.5e-7".
  const [mantissa, exp] = n.toExponential().split('e') as [string, string];
  const sign = exp.startsWith('-') ? '-' : '+';
  const digits = exp.replace(/^[+-]/, '');
  return `${mantissa}E${sign}${digits.padStart(2, '0')}`;
}

/** A float as ASA's JSON writer prints it: like formatFloat, with `.0` added to whole values. */
export function formatFloatJson(n: number): string {
  // The common case first: a finite value in the plain range, where String() already gives .NET's digits.
  const abs = n < 0 ? -n : n;
  if (abs >= 1e-4 && abs < 1e15) return Number.isInteger(n) ? `${n}.0` : String(n);
  const text = formatFloat(n);
  return /[.EN]|Infinity/.test(text) ? text : `${text}.0`;
}

/** A bigint (number or JS bigint) as decimal digits. */
export function formatBigint(n: number | bigint): string {
  return typeof n === 'bigint' ? n.toString() : Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}
