// How a sink says "this one row cannot be written" so that OutputErrorPolicy=Drop can drop just that row:
// a SluiceError with code SLUICE_OUTPUT_ROW_REJECTED and details { rowIndex, column, reason }, built by
// rowRejected and recognised by rowRejectionOf. Part of the sink contract, so every connector shares it.
import { isSluiceError, SluiceError } from '../common/index.ts';

export const ROW_REJECTED_CODE = 'SLUICE_OUTPUT_ROW_REJECTED';

/** One row a sink refused: its index in the rows passed to write(), the column and why. */
export interface RowRejection {
  rowIndex: number;
  column: string;
  reason: string;
}

/** The rejection carried by an error, or undefined when the error is about something else. */
export function rowRejectionOf(err: unknown): RowRejection | undefined {
  if (!isSluiceError(err) || err.code !== ROW_REJECTED_CODE) return undefined;
  const { rowIndex, column, reason } = err.details;
  if (typeof rowIndex !== 'number' || !Number.isInteger(rowIndex) || rowIndex < 0) return undefined;
  return { rowIndex, column: typeof column === 'string' ? column : '', reason: typeof reason === 'string' ? reason : err.message };
}

/** The error a sink throws for a row it cannot write; `sink` names the output kind in the message. */
export function rowRejected(rejection: RowRejection, sink: string, cause?: unknown): SluiceError {
  return new SluiceError(ROW_REJECTED_CODE, `${sink}: row ${rejection.rowIndex}, column "${rejection.column}": ${rejection.reason}`, {
    domain: 'user',
    retryable: false,
    ...(cause === undefined ? {} : { cause }),
    details: { rowIndex: rejection.rowIndex, column: rejection.column, reason: rejection.reason },
  });
}
