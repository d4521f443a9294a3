import { clientKey, lockMsAfter } from './sign-in-throttle';

const SETTINGS = { freeFailures: 5, freeFailuresPerIp: 50, lockBaseMs: 1000, lockMaxMs: 900_000 };

describe('sign-in throttle', () => {
  it('locks after the free failures, doubling per further failure up to the maximum', () => {
    const locks = [1, 4, 5, 6, 7, 14, 15, 40, 10_000].map((f) => lockMsAfter(f, 5, SETTINGS));
    expect(locks).toEqual([0, 0, 1000, 2000, 4000, 512_000, 900_000, 900_000, 900_000]);
  });

  it('keys IPv4 as is, IPv4-mapped IPv6 as IPv4, IPv6 by its /64', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:0:42:1:2:3:4')).toBe('2001:db8:0:42::/64');
    expect(clientKey('2001:db8:0:42::99')).toBe('2001:db8:0:42::/64');
    expect(clientKey('2001:0db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey(undefined)).toBe('unknown');
    expect(clientKey('not an address')).toBe('unknown');
  });
});
