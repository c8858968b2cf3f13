// How the disk cache encodes values it keeps packed: extractions stored field by field (large
// fields apart, each decoded on first read), and the CRC-32 that guards every packed value.
// Pure byte work on top of v8.serialize; the file format and its I/O stay in disk-cache.ts.
import { deserialize, serialize } from "node:v8";
import * as zlib from "node:zlib";

/** Fields of an extraction that serialize to more bytes than this are stored apart. */
const LAZY_FIELD_THRESHOLD_BYTES = 256;

// --- Extractions packed field by field ------------------------------------------------------------
// The bytes are the record with every large field replaced by null, then each large field's own
// bytes. The layout, kept in the index, names them: `<record bytes>|facts.adrReferences=<bytes>|…`.
// On read each large field becomes a getter that decodes it once and then turns into a plain
// property, in its original place in the record's key order.

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/** Undefined when the value has no field large enough to be worth storing apart. */
export function packFields(value: unknown): { bytes: Buffer; layout: string } | undefined {
  if (!isPlainRecord(value)) return undefined;
  const record: Record<string, unknown> = {};
  const parts: Buffer[] = [];
  let layout = "";
  for (const [top, inner] of Object.entries(value)) {
    if (!isPlainRecord(inner)) {
      record[top] = inner;
      continue;
    }
    const copy: Record<string, unknown> = {};
    for (const [field, fieldValue] of Object.entries(inner)) {
      // Estimated, not serialized, first: a serializer call costs microseconds even for a small
      // field, and a cold run stores thousands of fields.
      if (typeof fieldValue === "object" && exceeds(fieldValue, LAZY_FIELD_THRESHOLD_BYTES) && !top.includes(".") && !/[.=|]/.test(field)) {
        const bytes = serialize(fieldValue);
        copy[field] = null;
        parts.push(bytes);
        layout += `|${top}.${field}=${bytes.length}`;
      } else {
        copy[field] = fieldValue;
      }
    }
    record[top] = copy;
  }
  if (parts.length === 0) return undefined;
  const head = serialize(record);
  return { bytes: Buffer.concat([head, ...parts]), layout: `${head.length}${layout}` };
}

/**
 * Whether a value would serialize to more than `budget` bytes, roughly (string lengths plus a few
 * bytes per value and key). Stops as soon as the budget is spent.
 */
export function exceeds(value: unknown, budget: number): boolean {
  if (typeof value === "string") return value.length + 2 > budget;
  if (typeof value !== "object" || value === null) return false;
  let left = budget;
  // Depth-first, without copying keys or elements: a cold check packs every extraction, and the
  // estimate was a third of the packing's time with Object.entries and a stack of every element.
  const visit = (item: unknown): void => {
    if (typeof item === "string") left -= item.length + 2;
    else if (typeof item !== "object" || item === null) left -= 3;
    else if (Array.isArray(item)) {
      left -= 3 + item.length;
      for (let index = 0; left >= 0 && index < item.length; index++) visit(item[index]);
    } else {
      left -= 3;
      for (const key in item) {
        left -= key.length + 2;
        if (left < 0) return;
        visit((item as Record<string, unknown>)[key]);
      }
    }
  };
  visit(value);
  return left < 0;
}

export function unpackFields(bytes: Buffer, layout: string, onRead: () => void): unknown {
  const [headLength, ...fields] = layout.split("|");
  let offset = Number(headLength);
  const record = deserialize(bytes.subarray(0, offset)) as Record<string, Record<string, unknown>>;
  for (const spec of fields) {
    const dot = spec.indexOf(".");
    const equals = spec.lastIndexOf("=");
    const target = record[spec.slice(0, dot)]!;
    const field = spec.slice(dot + 1, equals);
    const length = Number(spec.slice(equals + 1));
    const part = bytes.subarray(offset, offset + length);
    offset += length;
    const settle = (value: unknown): void => {
      Object.defineProperty(target, field, { value, writable: true, enumerable: true, configurable: true });
    };
    Object.defineProperty(target, field, {
      enumerable: true,
      configurable: true,
      get() {
        onRead();
        const value = deserialize(part);
        settle(value);
        return value;
      },
      set: settle,
    });
  }
  return record;
}

/** CRC-32 (IEEE), native where Node has it (20.15 and later). */
export function crc32(bytes: Uint8Array): number {
  return typeof zlib.crc32 === "function" ? zlib.crc32(bytes) : crc32Js(bytes);
}

let crcTable: Uint32Array | undefined;

function crc32Js(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Exposed for tests: both implementations must agree. */
export const crc32ForTests = { native: (bytes: Uint8Array) => crc32(bytes), portable: crc32Js };
