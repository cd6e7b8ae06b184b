import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inheritedFlags } from './client-process.ts';

test('the reader process inherits the profiling flags and source maps, nothing else', () => {
  assert.deepEqual(
    inheritedFlags(['--cpu-prof', '--cpu-prof-dir=/tmp/p', '--inspect=9229', '-e', 'x', '--enable-source-maps', '--heap-prof-interval=1024', '--test']),
    ['--cpu-prof', '--cpu-prof-dir=/tmp/p', '--enable-source-maps', '--heap-prof-interval=1024'],
  );
});
