/** The API's `encoding_format: "base64"`: each vector's float32s, little-endian, base64-encoded. */

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface BufferLike {
  from(data: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'base64'): string };
}
// Node's Buffer encodes ~10x faster than btoa; browsers have only btoa. No `node:` import: this runs anywhere.
const NodeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer;

function bytesOf(values: Float32Array): Uint8Array {
  if (littleEndian) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const view = new DataView(new ArrayBuffer(values.byteLength));
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return new Uint8Array(view.buffer);
}

export function float32Base64(values: Float32Array): string {
  const bytes = bytesOf(values);
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
