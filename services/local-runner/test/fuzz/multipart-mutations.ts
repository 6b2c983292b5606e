import fc from 'fast-check';
import type { ImageSeed } from './image-mutations';

export interface MultipartCase {
  name: string;
  contentType: string;
  body: Buffer;
  /** Whether the body is a well-formed form whose every file is a valid image (the server may store them). */
  valid: boolean;
}

const CRLF = '\r\n';

function part(boundary: string, name: string, file: ImageSeed | null, data: Buffer): Buffer {
  const head = file
    ? `--${boundary}${CRLF}Content-Disposition: form-data; name="${name}"; filename="x.${file.format}"${CRLF}Content-Type: ${file.contentType}${CRLF}${CRLF}`
    : `--${boundary}${CRLF}Content-Disposition: form-data; name="${name}"${CRLF}${CRLF}`;
  return Buffer.concat([Buffer.from(head, 'latin1'), data, Buffer.from(CRLF, 'latin1')]);
}

/** A well-formed multipart/form-data body of these images. */
export function multipartOf(boundary: string, files: ImageSeed[]): Buffer {
  return Buffer.concat([
    ...files.map((f) => part(boundary, 'files', f, f.bytes)),
    Buffer.from(`--${boundary}--${CRLF}`, 'latin1'),
  ]);
}

/**
 * Broken multipart bodies: unterminated last parts, missing or wrong boundaries, cut at any point, bare LF line
 * ends, parts without headers, a text field only, and the valid form itself (which may be stored).
 */
export function multipartCase(seeds: ImageSeed[]): fc.Arbitrary<MultipartCase> {
  const boundary = fc.stringMatching(/^[A-Za-z0-9]{1,40}$/).map((b) => `fuzz${b}`);
  const files = fc.array(fc.constantFrom(...seeds), { minLength: 1, maxLength: 3 });
  return fc.tuple(boundary, files, fc.nat(), fc.integer({ min: 0, max: 12 })).map(([b, fs, cut, kind]) => {
    const type = `multipart/form-data; boundary=${b}`;
    const whole = multipartOf(b, fs);
    const noClose = Buffer.concat(fs.map((f) => part(b, 'files', f, f.bytes)));
    const at = (n: number) => 1 + (cut % Math.max(1, n - 1));
    const cases: MultipartCase[] = [
      { name: 'valid form', contentType: type, body: whole, valid: true },
      { name: 'no closing boundary', contentType: type, body: noClose, valid: false },
      {
        name: 'last part unterminated (half an image, no boundary)',
        contentType: type,
        body: Buffer.concat([
          ...fs.slice(0, -1).map((f) => part(b, 'files', f, f.bytes)),
          part(b, 'files', fs.at(-1)!, fs.at(-1)!.bytes).subarray(0, 80 + (fs.at(-1)!.bytes.length >> 1)),
        ]),
        valid: false,
      },
      {
        name: `cut at ${at(whole.length)}`,
        contentType: type,
        body: whole.subarray(0, at(whole.length)),
        valid: false,
      },
      { name: 'no boundary parameter', contentType: 'multipart/form-data', body: whole, valid: false },
      { name: 'empty boundary', contentType: 'multipart/form-data; boundary=', body: whole, valid: false },
      {
        name: 'another boundary',
        contentType: `multipart/form-data; boundary=x${b}`,
        body: whole,
        valid: false,
      },
      {
        name: 'bare LF line ends',
        contentType: type,
        body: Buffer.from(whole.toString('latin1').replaceAll(CRLF, '\n'), 'latin1'),
        valid: false,
      },
      {
        name: 'part without headers',
        contentType: type,
        body: Buffer.from(`--${b}${CRLF}${CRLF}garbage${CRLF}--${b}--${CRLF}`, 'latin1'),
        valid: false,
      },
      {
        name: 'a text field only',
        contentType: type,
        body: Buffer.concat([part(b, 'note', null, Buffer.from('hello')), Buffer.from(`--${b}--${CRLF}`)]),
        valid: false,
      },
      {
        name: 'header line of 100 kB',
        contentType: type,
        body: Buffer.from(
          `--${b}${CRLF}X-Long: ${'a'.repeat(100_000)}${CRLF}${CRLF}x${CRLF}--${b}--${CRLF}`,
          'latin1',
        ),
        valid: false,
      },
      { name: 'empty body', contentType: type, body: Buffer.alloc(0), valid: false },
      {
        name: 'a file part of text',
        contentType: type,
        body: Buffer.concat([
          Buffer.from(
            `--${b}${CRLF}Content-Disposition: form-data; name="files"; filename="a.jpg"${CRLF}Content-Type: image/jpeg${CRLF}${CRLF}not an image${CRLF}--${b}--${CRLF}`,
            'latin1',
          ),
        ]),
        valid: false,
      },
    ];
    return cases[kind % cases.length]!;
  });
}
