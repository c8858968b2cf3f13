// Reading one file out of a ZIP archive: GitHub serves workflow artifacts as ZIP files, and the
// re-run's results.json is the only thing the app takes from one. The central directory is read
// (not the local headers, whose sizes may be deferred to a data descriptor), entries are stored or
// deflated, and the uncompressed size is bounded before anything is inflated.
import { inflateRawSync } from "node:zlib";
import { crc32 } from "./cache-codec.js";

export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipError";
  }
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/** The bytes of the entry called `name` (at any depth), or undefined when the archive has none. */
export function readZipEntry(archive: Buffer, name: string, maxBytes: number): Buffer | undefined {
  const end = findEndOfCentralDirectory(archive);
  const count = archive.readUInt16LE(end + 10);
  let offset = archive.readUInt32LE(end + 16);
  for (let index = 0; index < count; index++) {
    if (offset + 46 > archive.length || archive.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) throw new ZipError("damaged central directory");
    const method = archive.readUInt16LE(offset + 10);
    const checksum = archive.readUInt32LE(offset + 16);
    const compressedSize = archive.readUInt32LE(offset + 20);
    const size = archive.readUInt32LE(offset + 24);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const localOffset = archive.readUInt32LE(offset + 42);
    const entryName = archive.toString("utf8", offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if (entryName !== name && !entryName.endsWith(`/${name}`)) continue;
    if (size > maxBytes) throw new ZipError(`${entryName} is ${size} bytes, more than the ${maxBytes} accepted`);
    if (localOffset + 30 > archive.length || archive.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) throw new ZipError("damaged local file header");
    const dataStart = localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
    const data = archive.subarray(dataStart, dataStart + compressedSize);
    if (data.length !== compressedSize) throw new ZipError("truncated archive");
    if (method !== 0 && method !== 8) throw new ZipError(`${entryName} uses compression method ${method}; only stored and deflated entries are read`);
    let bytes: Buffer;
    try {
      // maxOutputLength stops a deflate bomb whose header understates its size.
      bytes = method === 0 ? data : inflateRawSync(data, { maxOutputLength: maxBytes });
    } catch (error) {
      throw new ZipError(`${entryName} does not inflate within ${maxBytes} bytes: ${(error as Error).message}`);
    }
    if (bytes.length !== size) throw new ZipError(`${entryName} is ${bytes.length} bytes, not the ${size} its header states`);
    if (crc32(bytes) !== checksum) throw new ZipError(`${entryName} fails its CRC-32 check`);
    return bytes;
  }
  return undefined;
}

function findEndOfCentralDirectory(archive: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let offset = archive.length - 22; offset >= Math.max(0, archive.length - 22 - 0xffff); offset--) {
    if (archive.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw new ZipError("not a ZIP archive");
}
