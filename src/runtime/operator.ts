// The one operator interface (house style 7): onEvents, onWatermark, onCheckpoint, onClose with no-op
// defaults. An operator's watermark is the minimum over its live inputs; an input that has ended
// (watermark +Infinity) no longer holds the others back. Stateless operators only forward it; part 2's
// windows override onWatermarkAdvanced to emit.
import type { EventBatch } from './event-batch.ts';

export interface Operator {
  readonly name: string;
  onEvents(batch: EventBatch, port: number): void;
  onWatermark(ms: number, port: number): void;
  /**
   * State to save, by name; stateless operators return an empty object. The tree may hold plain
   * objects, arrays, Maps, Sets, numbers, bigints, strings, booleans, null, typed arrays and AsaValues
   * (AsaDateTime included); the checkpoint codec serializes exactly that (no class instances otherwise).
   * The operator must not mutate what it returned until the checkpoint has been encoded (synchronously).
   */
  onCheckpoint(): Readonly<Record<string, unknown>>;
  /** Puts back what onCheckpoint returned (decoded, same shape), before any event or watermark arrives. */
  onRestore(state: Readonly<Record<string, unknown>>): void;
  onClose(): void | Promise<void>;
}

interface Edge {
  readonly to: Operator;
  readonly port: number;
}

export abstract class BaseOperator implements Operator {
  readonly name: string;
  private readonly downstream: Edge[] = [];
  private readonly inputWatermarks: number[] = [];
  /** The operator's current watermark: min over its inputs. */
  watermark = -Infinity;

  constructor(name: string) {
    this.name = name;
  }

  /** Registers a new input and returns its port number. */
  addInput(): number {
    this.inputWatermarks.push(-Infinity);
    return this.inputWatermarks.length - 1;
  }

  /** Sends this operator's output to `to` (on a fresh input port of `to`). */
  connect(to: BaseOperator): void {
    this.downstream.push({ to, port: to.addInput() });
  }

  get consumers(): readonly Operator[] {
    return this.downstream.map((e) => e.to);
  }

  onEvents(_batch: EventBatch, _port: number): void {}

  onWatermark(ms: number, port: number): void {
    if (ms <= (this.inputWatermarks[port] ?? -Infinity)) return;
    this.inputWatermarks[port] = ms;
    let min = Infinity;
    for (const w of this.inputWatermarks) if (w < min) min = w;
    if (min > this.watermark) {
      this.watermark = min;
      this.onWatermarkAdvanced(min);
    }
  }

  /** Called when the minimum over the inputs moved forward; forwards it by default. */
  protected onWatermarkAdvanced(ms: number): void {
    this.emitWatermark(ms);
  }

  onCheckpoint(): Readonly<Record<string, unknown>> {
    return {};
  }

  onRestore(_state: Readonly<Record<string, unknown>>): void {}

  /** Watermark bookkeeping, saved by JobGraph.checkpoint() for every operator (subclasses need not). */
  watermarkState(): { watermark: number; inputs: number[] } {
    return { watermark: this.watermark, inputs: [...this.inputWatermarks] };
  }

  restoreWatermarkState(saved: { readonly watermark: number; readonly inputs: readonly number[] }): void {
    this.watermark = saved.watermark;
    for (let i = 0; i < this.inputWatermarks.length && i < saved.inputs.length; i++) this.inputWatermarks[i] = saved.inputs[i] as number;
  }

  onClose(): void | Promise<void> {}

  protected emit(batch: EventBatch): void {
    if (batch.length === 0) return;
    const edges = this.downstream;
    for (let i = 0; i < edges.length; i++) {
      const e = edges[i] as Edge;
      e.to.onEvents(batch, e.port);
    }
  }

  protected emitWatermark(ms: number): void {
    for (const e of this.downstream) e.to.onWatermark(ms, e.port);
  }
}
