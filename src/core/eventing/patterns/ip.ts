// IP addresses as event-ruler reads them: a string that looks like an IPv4 or IPv6 literal is
// compared as an address (so "10.0.0.01" equals "10.0.0.1" and "2001:DB8:0:0:0:0:0:1" equals
// "2001:db8::1"), and `cidr` patterns are address ranges. Hand-written because the rules must be
// event-ruler's exactly (decimal parts with leading zeros, IPv4-mapped IPv6 read as IPv4), which
// neither node:net (rejects leading zeros) nor ipaddr.js (reads them as octal) follow.

const ipv4Re = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const ipv6Re = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

function parseIpv4(text: string): number[] | undefined {
  const bytes = text.split('.').map((part) => Number(part));
  return bytes.every((b) => b <= 255) ? bytes : undefined;
}

function parseGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => parseInt(g, 16));
}

function parseIpv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    // "::" stands for at least one group of zeros.
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined;
    groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  } else {
    if (head.length !== 8) return undefined;
    groups = head;
  }
  const bytes = groups.flatMap((g) => [g >> 8, g & 0xff]);
  // Java's InetAddress turns an IPv4-mapped address (::ffff:a.b.c.d) into the IPv4 address.
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12);
  return bytes;
}

/** The 4 or 16 address bytes of an IP literal, or undefined when the text is not one. */
export function parseIp(text: string): number[] | undefined {
  if (ipv4Re.test(text)) return parseIpv4(text);
  if (ipv6Re.test(text)) return parseIpv6(text);
  return undefined;
}

/** An inclusive address range; `first` and `last` have the same length (4 or 16 bytes). */
export interface IpRange {
  first: number[];
  last: number[];
}

/** Parses `a.b.c.d/n` or `v6::/n`; returns an error message instead of throwing. */
export function parseCidr(text: string): IpRange | string {
  const parts = text.split('/');
  if (parts.length !== 2 || parts[1] === '') return `malformed CIDR "${text}": write an address, one "/" and the mask bits, e.g. "10.0.0.0/24"`;
  if (!/^[+-]?\d+$/.test(parts[1] ?? '')) return `malformed CIDR "${text}": mask bits must be an integer`;
  const bits = Number(parts[1]);
  if (bits < 0) return `malformed CIDR "${text}": mask bits must not be negative`;
  const address = parseIp(parts[0] ?? '');
  if (!address) return `malformed CIDR "${text}": "${parts[0]}" is not an IPv4 or IPv6 address`;
  if (address.length === 4 && bits > 31) return `IPv4 mask bits must be < 32 in "${text}" (to match one address, list it as a plain string)`;
  if (address.length === 16 && bits > 127) return `IPv6 mask bits must be < 128 in "${text}" (to match one address, list it as a plain string)`;
  const first: number[] = [];
  const last: number[] = [];
  address.forEach((byte, i) => {
    const fixed = Math.max(0, Math.min(8, bits - i * 8));
    const mask = (0xff << (8 - fixed)) & 0xff;
    first.push(byte & mask);
    last.push((byte & mask) | (~mask & 0xff));
  });
  return { first, last };
}

function compareBytes(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** True when the address lies in the range (addresses of the other IP version never do). */
export function inRange(address: number[], range: IpRange): boolean {
  return address.length === range.first.length && compareBytes(address, range.first) >= 0 && compareBytes(address, range.last) <= 0;
}
