/** The longest voter name kept (longer names are cut here). */
export const maxVoterLength = 64;

/**
 * A voter name as stored and shown: one line (newlines and runs of white space become one space),
 * without control characters, escape sequences or bidirectional controls, at most
 * {@link maxVoterLength} characters. Empty when nothing printable is left.
 */
export function cleanVoterName(name: string): string {
  const plain = name
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)?/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return [...plain].slice(0, maxVoterLength).join('').trim();
}
