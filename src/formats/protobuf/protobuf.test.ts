import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isSluiceError } from '../../common/index.ts';
import { AsaDateTime, type AsaRecord } from '../../types/index.ts';
import { createDeserializer } from '../index.ts';
import type { SerializationSpec } from '../serialization-spec.ts';
import { runPythonFixtures, type FixtureDir } from '../test-support/python-fixtures.ts';

const PROTO = `syntax = "proto3";
package telemetry;
import "google/protobuf/timestamp.proto";

enum Status { UNKNOWN = 0; OK = 1; FAILED = 2; }

message Location {
  double lat = 1;
  double lon = 2;
}

message Reading {
  string device_id = 1;
  int64 big = 2;
  uint64 ubig = 3;
  sint64 neg = 4;
  int32 count = 5;
  double temp = 6;
  float ratio = 7;
  bool ok = 8;
  Status status = 9;
  google.protobuf.Timestamp ts = 10;
  Location loc = 11;
  repeated int64 samples = 12;
  repeated Location path = 13;
  map<string, int32> attrs = 14;
  bytes raw = 15;
  fixed64 f64 = 16;
}
`;

// protoc generates the Python classes; google.protobuf serializes (SerializeToString) and frames the
// Base128 stream with its own varint encoder (_VarintBytes), the writeDelimitedTo layout.
const SCRIPT = String.raw`
import sys, os, subprocess, importlib
out = sys.argv[1]
open(os.path.join(out, 'reading.proto'), 'w').write(os.environ['PROTO'])
subprocess.check_call(['protoc', '--python_out=' + out, '-I' + out, 'reading.proto'])
sys.path.insert(0, out)
pb = importlib.import_module('reading_pb2')
from google.protobuf.internal.encoder import _VarintBytes
r = pb.Reading(device_id='dev-1', big=2**62 + 1, ubig=2**63 - 1, neg=-(2**62), count=-7, temp=21.5, ratio=0.5, ok=True,
               status=pb.FAILED, loc=pb.Location(lat=47.5, lon=-122.25), samples=[1, -(2**60)],
               path=[pb.Location(lat=1), pb.Location(lon=2)], attrs={'a': 1}, raw=b'\x00\x01\xff', f64=2**63 - 1)
r.ts.seconds = 1672531210
r.ts.nanos = 123456789
open(os.path.join(out, 'one.bin'), 'wb').write(r.SerializeToString())
open(os.path.join(out, 'overflow.bin'), 'wb').write(pb.Reading(f64=2**64 - 1).SerializeToString())
empty = pb.Reading()
open(os.path.join(out, 'empty.bin'), 'wb').write(empty.SerializeToString())
with open(os.path.join(out, 'stream.bin'), 'wb') as f:
    for i in range(3):
        m = pb.Reading(device_id='d%d' % i, count=i)
        data = m.SerializeToString()
        f.write(_VarintBytes(len(data)) + data)
    # An empty message in the stream is a zero length prefix.
    f.write(_VarintBytes(0))
`;

function spec(prefixStyle: 'None' | 'Base128'): SerializationSpec {
  return { type: 'Protobuf', protobuf: { protoText: PROTO, messageType: 'telemetry.Reading', prefixStyle } };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(isSluiceError(err), `expected a SluiceError, got ${String(err)}`);
    return err.code;
  }
  assert.fail('expected an error');
}

describe('Protobuf input (messages from protoc-generated Python classes)', () => {
  let fx: FixtureDir;
  before(() => { fx = runPythonFixtures(SCRIPT, 'protobuf', { PROTO }); });
  after(() => fx.cleanup());

  it('decodes one message (prefix style None) with exact 64-bit integers, enum names and Timestamp', () => {
    const out: AsaRecord[] = [];
    assert.equal(createDeserializer(spec('None')).decode(fx.read('one.bin'), out), 1);
    const r = out[0];
    assert.ok(r);
    assert.equal(r.device_id, 'dev-1');
    assert.equal(r.big, 2n ** 62n + 1n);
    assert.equal(r.ubig, 2n ** 63n - 1n);
    assert.equal(r.neg, -(2n ** 62n));
    assert.equal(r.count, -7);
    assert.equal(r.temp, 21.5);
    assert.equal(r.ratio, 0.5);
    assert.equal(r.ok, true);
    assert.equal(r.status, 'FAILED');
    assert.ok(r.ts instanceof AsaDateTime);
    assert.equal(String(r.ts), '2023-01-01T00:00:10.1234567Z');
    assert.deepEqual(r.loc, { lat: 47.5, lon: -122.25 });
    assert.deepEqual(r.samples, [1, -(2n ** 60n)]);
    assert.deepEqual(r.path, [{ lat: 1, lon: 0 }, { lat: 0, lon: 2 }]);
    assert.deepEqual(r.attrs, { a: 1 });
    assert.equal(r.raw, 'AAH/');
    assert.equal(r.f64, 2n ** 63n - 1n);
  });

  it('rejects a uint64 beyond bigint range (ASA: InputDeserializationError)', () => {
    // f64 = 2^64-1: ASA's bigint stops at 2^63-1.
    assert.equal(codeOf(() => createDeserializer(spec('None')).decode(fx.read('overflow.bin'), [])), 'SLUICE_FORMAT_BIGINT_RANGE');
  });

  it('emits every field with proto3 defaults for an empty message', () => {
    const out: AsaRecord[] = [];
    createDeserializer(spec('None')).decode(fx.read('empty.bin'), out);
    assert.deepEqual(out[0], {
      device_id: '', big: 0, ubig: 0, neg: 0, count: 0, temp: 0, ratio: 0, ok: false, status: 'UNKNOWN', ts: null,
      loc: null, samples: [], path: [], attrs: {}, raw: '', f64: 0,
    });
  });

  it('decodes a Base128 length-prefixed stream into several events', () => {
    const out: AsaRecord[] = [];
    assert.equal(createDeserializer(spec('Base128')).decode(fx.read('stream.bin'), out), 4);
    assert.deepEqual(out.map((r) => [r.device_id, r.count]), [['d0', 0], ['d1', 1], ['d2', 2], ['', 0]]);
  });

  it('rejects truncated streams and garbage, appending nothing', () => {
    const stream = fx.read('stream.bin');
    const out: AsaRecord[] = [];
    assert.equal(codeOf(() => createDeserializer(spec('Base128')).decode(stream.subarray(0, stream.length - 3), out)), 'SLUICE_FORMAT_PROTOBUF_TRUNCATED');
    assert.equal(codeOf(() => createDeserializer(spec('None')).decode(fx.read('one.bin').subarray(0, 20), out)), 'SLUICE_FORMAT_PROTOBUF_DATA');
    assert.equal(codeOf(() => createDeserializer(spec('None')).decode(new Uint8Array([0xff, 0xff, 0xff]), out)), 'SLUICE_FORMAT_PROTOBUF_DATA');
    assert.equal(out.length, 0);
  });

  it('accepts the message type with the package first letter upper-cased, as ASA\'s portal asks', () => {
    const d = createDeserializer({ type: 'Protobuf', messageType: 'Telemetry.Reading', protoText: PROTO, prefixStyle: 'None' });
    const out: AsaRecord[] = [];
    d.decode(fx.read('one.bin'), out);
    assert.equal(out[0]?.device_id, 'dev-1');
  });

  it('reports configuration errors: unknown type, imports, bad syntax', () => {
    assert.equal(codeOf(() => createDeserializer({ type: 'Protobuf', protobuf: { protoText: PROTO, messageType: 'Reading2' } })), 'SLUICE_FORMAT_PROTOBUF_TYPE');
    assert.equal(codeOf(() => createDeserializer({ type: 'Protobuf', protobuf: { protoText: 'syntax = "proto3"; import "carseat.proto"; message A { int32 x = 1; }', messageType: 'A' } })), 'SLUICE_FORMAT_PROTOBUF_IMPORT');
    assert.equal(codeOf(() => createDeserializer({ type: 'Protobuf', protobuf: { protoText: 'message {', messageType: 'A' } })), 'SLUICE_FORMAT_PROTOBUF_DEFINITION');
    assert.equal(codeOf(() => createDeserializer({ type: 'Protobuf' })), 'SLUICE_FORMAT_SPEC');
  });
});
