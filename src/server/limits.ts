// Limits on what one request may carry, so that no request can hold the event loop for long.

/** Request bodies: JSON forms are small; the routes that take files say so (see BODY_LIMITS). */
export const JSON_BODY_LIMIT = 64 * 1024;
export const BODY_LIMITS = { gazette: 20 * 1024 * 1024, document: 11 * 1024 * 1024, evidence: 15 * 1024 * 1024 } as const;
/** Deeper JSON than any form of the platform has is refused before it is parsed. */
export const MAX_JSON_DEPTH = 16;

/** Nesting depth of a JSON text, read in one pass without parsing (so a hostile body cannot make the parser recurse). */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92)
        i++; // backslash: skip the escaped character
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) {
      if (++depth > max && (max = depth) > limit) return max;
    } else if (ch === 125 || ch === 93) depth--;
  }
  return max;
}
