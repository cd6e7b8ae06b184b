// Collects every semantic error of a query so the user sees them all at once (house style 5), then
// throws one PlanError listing them, each with its span and code frame.
import { SluiceError, formatLocation, printCodeFrame, type ErrorCode, type SourceSpan } from '../common/index.ts';

export interface PlanDiagnostic {
  readonly code: ErrorCode;
  readonly message: string;
  readonly span: SourceSpan;
  readonly hint?: string;
}

/** One or more semantic errors; `code`, `span` and `hint` are those of the first. */
export class PlanError extends SluiceError {
  readonly diagnostics: readonly PlanDiagnostic[];

  constructor(diagnostics: readonly PlanDiagnostic[], sourceText: string) {
    const first = diagnostics[0] as PlanDiagnostic;
    const message = diagnostics.length === 1
      ? first.message
      : `${diagnostics.length} errors in the query:\n${diagnostics.map((d) => `  ${formatLocation(d.span)}: ${d.message} [${d.code}]`).join('\n')}`;
    super(first.code, message, {
      domain: 'user',
      span: first.span,
      sourceText,
      ...(first.hint !== undefined ? { hint: first.hint } : {}),
    });
    this.name = 'PlanError';
    this.diagnostics = diagnostics;
  }

  /** Every error with its own code frame. */
  override format(): string {
    if (this.diagnostics.length === 1) return super.format();
    const text = this.sourceText ?? '';
    return this.diagnostics
      .map((d) => [`${formatLocation(d.span)}: ${d.message} [${d.code}]`, printCodeFrame(text, d.span), ...(d.hint ? [`hint: ${d.hint}`] : [])].join('\n'))
      .join('\n\n');
  }
}

export class Diagnostics {
  readonly list: PlanDiagnostic[] = [];
  readonly sourceText: string;

  constructor(sourceText: string) {
    this.sourceText = sourceText;
  }

  error(code: ErrorCode, message: string, span: SourceSpan, hint?: string): void {
    this.list.push(hint === undefined ? { code, message, span } : { code, message, span, hint });
  }

  unsupported(feature: string, span: SourceSpan): void {
    this.error('SLUICE_PLAN_UNSUPPORTED', `${feature} is not supported yet`, span, 'this part of the language comes with sluice\'s stateful operators');
  }

  throwIfAny(): void {
    if (this.list.length > 0) {
      const sorted = [...this.list].sort((a, b) => a.span.start.offset - b.span.start.offset);
      throw new PlanError(sorted, this.sourceText);
    }
  }
}
