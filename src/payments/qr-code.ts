import { encode } from 'uqr';

/** The modules of a QR code: `dark[y][x]`, quiet zone not included. */
export interface QrMatrix {
  size: number;
  dark: boolean[][];
}

/**
 * Encodes text as a QR code at error-correction level M (what QR Platba
 * prescribes), in the most compact mode its characters allow.
 */
export function qrMatrix(text: string): QrMatrix {
  const { size, data } = encode(text, { ecc: 'M', boostEcc: false, border: 0 });
  return { size, dark: data };
}

/**
 * One SVG path drawing every dark module as a 1×1 square: a `viewBox` of
 * `0 0 size size` (plus the quiet zone) scales it crisply to any size.
 */
export function qrSvgPath({ dark }: QrMatrix, quietZone = 4): string {
  const parts: string[] = [];
  dark.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      parts.push(`M${start + quietZone} ${y + quietZone}h${x - start}v1h${start - x}z`);
    }
  });
  return parts.join('');
}
