// Truth of a value used as a condition (WHERE, CASE WHEN, AND/OR/NOT).
import { SluiceError } from '../common/index.ts';
import type { AsaValue, Bool3 } from '../types/index.ts';

/** A value used as a condition: bit as is; a number (a JSON boolean below compat 1.2) is 0 / not 0. */
export function toBool3(v: AsaValue): Bool3 {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  throw new SluiceError('SLUICE_RUNTIME_CONDITION', `a condition must be a boolean, got a value of type '${typeof v === 'string' ? 'nvarchar(max)' : 'record'}'`, { domain: 'user' });
}
