/**
 * base64url without padding (RFC 4648 §5): the one text form for secrets, room names and invite
 * payloads, because it survives URLs, QR codes and email without escaping. Uses only `btoa` /
 * `atob`, which exist in browsers, Electron's renderer and node ≥ 16.
 */

const ALPHABET = /^[A-Za-z0-9_-]*$/

export function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * Strict: only the base64url alphabet, no padding, and only the canonical spelling (so two
 * different texts never decode to the same bytes). Returns null rather than throwing, so callers
 * choose their own error.
 */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!ALPHABET.test(text) || text.length % 4 === 1) return null
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return toBase64Url(bytes) === text ? bytes : null
}
