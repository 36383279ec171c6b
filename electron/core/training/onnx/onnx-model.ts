import { ProtoWriter } from './protobuf-writer';

/**
 * A small in-memory ONNX graph and its encoding (onnx.proto3 field numbers). Only what the
 * exporter uses: float tensors, int/float/string/ints/floats attributes, one opset.
 */
export type OnnxAttribute =
  | { name: string; int: number }
  | { name: string; float: number }
  | { name: string; string: string }
  | { name: string; ints: number[] }
  | { name: string; floats: number[] };

export interface OnnxNode {
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes?: OnnxAttribute[];
}

export interface OnnxTensor {
  name: string;
  dims: number[];
  /** Float32 data; int64 tensors carry 'int64' and their values in `ints`. */
  data?: Float32Array;
  ints?: number[];
}

export interface OnnxValueInfo {
  name: string;
  /** A number for a fixed dimension, a string for a symbolic one (e.g. 'batch'). */
  shape: (number | string)[];
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

/** ONNX data types used here (TensorProto.DataType). */
const FLOAT = 1;
const INT64 = 7;
/** ONNX IR version 8 goes with opset 13..17; ORT 1.30 reads it. */
const IR_VERSION = 8;
export const OPSET = 13;

export function encodeOnnxModel(graph: OnnxGraph, producer: { name: string; version: string }): Uint8Array {
  const model = new ProtoWriter();
  model.varint(1, IR_VERSION);
  model.string(2, producer.name);
  model.string(3, producer.version);
  model.message(7, (g) => writeGraph(g, graph));
  model.message(8, (o) => o.string(1, '').varint(2, OPSET));
  return model.finish();
}

function writeGraph(w: ProtoWriter, graph: OnnxGraph) {
  for (const node of graph.nodes) w.message(1, (n) => writeNode(n, node));
  w.string(2, graph.name);
  for (const t of graph.initializers) w.message(5, (m) => writeTensor(m, t));
  for (const v of graph.inputs) w.message(11, (m) => writeValueInfo(m, v));
  for (const v of graph.outputs) w.message(12, (m) => writeValueInfo(m, v));
}

function writeNode(w: ProtoWriter, node: OnnxNode) {
  for (const i of node.inputs) w.string(1, i);
  for (const o of node.outputs) w.string(2, o);
  w.string(3, node.name);
  w.string(4, node.opType);
  for (const a of node.attributes ?? []) w.message(5, (m) => writeAttribute(m, a));
}

function writeAttribute(w: ProtoWriter, a: OnnxAttribute) {
  w.string(1, a.name);
  // AttributeProto.type: FLOAT 1, INT 2, STRING 3, FLOATS 6, INTS 7.
  if ('int' in a) w.varint(3, a.int).varint(20, 2);
  else if ('float' in a) w.float(2, a.float).varint(20, 1);
  else if ('string' in a) w.string(4, a.string).varint(20, 3);
  else if ('ints' in a) w.packedVarints(8, a.ints).varint(20, 7);
  else w.packedFloats(7, a.floats).varint(20, 6);
}

function writeTensor(w: ProtoWriter, t: OnnxTensor) {
  w.packedVarints(1, t.dims);
  if (t.ints) {
    w.varint(2, INT64);
    w.string(8, t.name);
    const raw = new BigInt64Array(t.ints.map((v) => BigInt(v)));
    w.bytes(9, new Uint8Array(raw.buffer));
  } else {
    w.varint(2, FLOAT);
    w.string(8, t.name);
    const data = t.data ?? new Float32Array(0);
    // raw_data is little-endian, as is every platform Node runs on.
    w.bytes(9, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }
}

function writeValueInfo(w: ProtoWriter, v: OnnxValueInfo) {
  w.string(1, v.name);
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.varint(1, FLOAT);
      tensor.message(2, (shape) => {
        for (const d of v.shape) shape.message(1, (dim) => (typeof d === 'number' ? dim.varint(1, d) : dim.string(2, d)));
      });
    }),
  );
}
