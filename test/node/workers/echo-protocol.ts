export interface EchoProtocol {
  requests: {
    add: { params: { a: number; b: number }; result: { sum: number } };
    count: { params: { upTo: number }; result: { counted: number } };
    fail: { params: { message: string }; result: never };
    double: { params: { values: Float32Array }; result: { values: Float32Array; receivedBytes: number } };
    crash: { params: { code: number }; result: never };
  };
  events: { tick: { i: number } };
}
