/**
 * Prints one line per test as it ends (with the error of a failed one) and, last, the plain
 * summary line CI reads: `N passed, N failed`.
 */
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;

  onTestEnd(test: TestCase, result: TestResult): void {
    const title = test.titlePath().filter(Boolean).slice(1).join(' › ');
    const seconds = (result.duration / 1000).toFixed(1);
    if (result.status === 'passed' || result.status === 'skipped') {
      if (result.status === 'passed') this.passed += 1;
      process.stdout.write(`  ${result.status === 'passed' ? 'ok  ' : 'skip'} ${title} (${seconds} s)\n`);
      return;
    }
    this.failed += 1;
    process.stdout.write(`  FAIL ${title} (${seconds} s, ${result.status})\n`);
    for (const error of result.errors) process.stdout.write(`${(error.stack ?? error.message ?? String(error.value)).replace(/^/gm, '       ')}\n`);
  }

  onError(error: { message?: string; stack?: string }): void {
    this.failed += 1;
    process.stdout.write(`  ERROR ${error.stack ?? error.message}\n`);
  }

  onEnd(result: FullResult): void {
    if (result.status !== 'passed' && this.failed === 0 && this.passed === 0) this.failed = 1;
    process.stdout.write(`${this.passed} passed, ${this.failed} failed\n`);
  }

  printsToStdio(): boolean {
    return true;
  }
}
