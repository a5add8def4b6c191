import { crc32 } from 'node:zlib';
import { pragueTime } from '../../src/time/prague.js';

/** One file of an archive: its path inside (`/` separated) and its bytes. */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** Zip's limits without the Zip64 extension: 65 535 entries, 4 GiB. */
const MAX_ENTRIES = 0xffff;
const MAX_OFFSET = 0xffffffff;
/** General purpose flag bit 11: the names are UTF-8. */
const UTF8_NAMES = 0x0800;
/** Version 2.0: what every unzip reads. */
const VERSION = 20;

/** The MS-DOS time and date zip stores, in the town's time zone (zip has none of its own). */
function dosTime(date: Date): { time: number; date: number } {
  const { year, month, day, hour, minute, second } = pragueTime(date);
  return {
    time: (Number(hour) << 11) | (Number(minute) << 5) | (Number(second) >> 1),
    date: ((Number(year) - 1980) << 9) | (Number(month) << 5) | Number(day),
  };
}

/**
 * A zip archive of the entries, stored without compression (the files are
 * PDFs and images, compressed already): local headers with the data, then
 * the central directory. Names are UTF-8 (flag bit 11), so Czech names
 * unpack as they are. Throws a RangeError beyond zip's limits without Zip64.
 */
export function zip(entries: readonly ZipEntry[], modified: Date = new Date()): Buffer {
  if (entries.length > MAX_ENTRIES) throw new RangeError(`A zip holds at most ${MAX_ENTRIES} entries without Zip64`);
  const stamp = dosTime(modified);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = entry.data;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(0, 8); // method: stored
    local.writeUInt16LE(stamp.time, 10);
    local.writeUInt16LE(stamp.date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(VERSION, 4);
    central.writeUInt16LE(VERSION, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(stamp.time, 12);
    central.writeUInt16LE(stamp.date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra field, comment, disk number, internal and external attributes: none
    central.writeUInt32LE(offset, 42);

    locals.push(local, name, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
    if (offset > MAX_OFFSET) throw new RangeError('A zip is at most 4 GiB without Zip64');
  }
  const directory = Buffer.concat(centrals);
  if (offset + directory.length > MAX_OFFSET) throw new RangeError('A zip is at most 4 GiB without Zip64');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
