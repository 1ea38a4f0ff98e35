package dev.ringgate.rollout.domain;

/**
 * Where a device stands in a product's fleet: a stable hash of (product id, device id) into one of
 * a million positions. Ring shares are compared against it, so a device's ring is deterministic and
 * sticky: the same on every replica, across restarts and across releases of the product.
 *
 * <p>The hash is FNV-1a (64 bit) over the UTF-16 code units of the product id, a 0xFFFF separator
 * and the device id, finished with MurmurHash3's 64-bit avalanche step, reduced modulo 1,000,000.
 * This function is part of the contract: changing it would move every device to another ring.
 */
public final class Bucketing {
  /** Positions per fleet: one position is 0.0001 % (a hundredth of a basis point). */
  public static final int POSITIONS = 1_000_000;

  /** Positions per basis point. */
  public static final int PER_BP = POSITIONS / 10_000;

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Bucketing() {}

  /** The device's position in 0..999,999. */
  public static int position(String productId, String deviceId) {
    long h = FNV_OFFSET;
    h = mix(h, productId);
    h = (h ^ 0xFFFF) * FNV_PRIME;
    h = mix(h, deviceId);
    return (int) ((avalanche(h) >>> 1) % POSITIONS);
  }

  /** The device's bucket in 0..9999, as the API names it (its position in basis points). */
  public static int bucket(String productId, String deviceId) {
    return position(productId, deviceId) / PER_BP;
  }

  private static long mix(long h, String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      h = (h ^ text.charAt(i)) * FNV_PRIME;
    }
    return h;
  }

  private static long avalanche(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
