// A FIFO of (event time, value) that grows at the back and is consumed at the front, kept in plain
// arrays with a head index (so it checkpoints as data and pops without shifting); the consumed prefix
// is cut off once it is most of the array.
import type { AsaValue } from '../../types/index.ts';

export interface TimeQueue {
  times: number[];
  values: AsaValue[];
  head: number;
}

export function newTimeQueue(): TimeQueue {
  return { times: [], values: [], head: 0 };
}

export function queueLength(q: TimeQueue): number {
  return q.times.length - q.head;
}

export function pushBack(q: TimeQueue, time: number, value: AsaValue): void {
  q.times.push(time);
  q.values.push(value);
}

export function popFront(q: TimeQueue): void {
  q.values[q.head] = null;
  q.head++;
  if (q.head === q.times.length) {
    q.times.length = 0;
    q.values.length = 0;
    q.head = 0;
  } else if (q.head >= 64 && q.head * 2 >= q.times.length) {
    q.times.splice(0, q.head);
    q.values.splice(0, q.head);
    q.head = 0;
  }
}
