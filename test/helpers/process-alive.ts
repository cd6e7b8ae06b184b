// Whether a process still exists (signal 0 checks without sending anything): for tests and harnesses that
// check that a process they started, or one it started, has ended.
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
