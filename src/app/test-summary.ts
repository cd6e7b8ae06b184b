// testResultSummary.json in the shape ASA's CI/CD tool (azure-streamanalytics-cicd `test`) writes, so
// pipelines that read it keep working: { Total, Passed, Failed, Script, Time, Results: [...] }.
// (learn.microsoft.com/azure/stream-analytics/cicd-tools, "Run tests")

export interface OutputResultEntry {
  OutputAlias: string;
  /** Path of the expected-output file ('' when absent). */
  ExpectedOutput: string;
  /** Path of the actual-output file ('' when absent). */
  Output: string;
}

export interface TestCaseResult {
  Name: string;
  /** 0 passed, 1 failed. */
  Status: 0 | 1;
  /** Seconds the case took. */
  Time: number;
  OutputMatched: OutputResultEntry[];
  OutputNotEqual: OutputResultEntry[];
  OutputMissing: OutputResultEntry[];
  OutputUnexpected: OutputResultEntry[];
  OutputUnrequired: OutputResultEntry[];
  /** sluice addition: why the case could not run (compile or runtime error), absent when it ran. */
  Error?: string;
}

export interface TestResultSummary {
  Total: number;
  Passed: number;
  Failed: number;
  Script: string;
  /** Seconds for the whole run. */
  Time: number;
  Results: TestCaseResult[];
}

export function emptyCaseResult(name: string): TestCaseResult {
  return { Name: name, Status: 0, Time: 0, OutputMatched: [], OutputNotEqual: [], OutputMissing: [], OutputUnexpected: [], OutputUnrequired: [] };
}

export function caseFailed(result: TestCaseResult): boolean {
  return result.Error !== undefined || result.OutputNotEqual.length > 0 || result.OutputMissing.length > 0 || result.OutputUnexpected.length > 0;
}

export function summarize(script: string, results: TestCaseResult[], seconds: number): TestResultSummary {
  for (const r of results) r.Status = caseFailed(r) ? 1 : 0;
  const failed = results.filter((r) => r.Status === 1).length;
  return { Total: results.length, Passed: results.length - failed, Failed: failed, Script: script, Time: seconds, Results: results };
}
