// Files people upload — case documents and plan evidence alike: one size limit, and the type recognised
// from the first bytes (a declared type must agree), so a renamed executable is never stored as a PDF.

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** The file types accepted, recognised by their first bytes. */
export const ACCEPTED_FILES: { mime: string; label: string; test: (b: Buffer) => boolean }[] = [
  { mime: 'application/pdf', label: 'PDF', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { mime: 'image/png', label: 'PNG', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/jpeg', label: 'JPEG', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
];

export function sniffMime(bytes: Buffer): string | null {
  return ACCEPTED_FILES.find((s) => s.test(bytes))?.mime ?? null;
}
