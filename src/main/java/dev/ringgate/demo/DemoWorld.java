package dev.ringgate.demo;

import java.util.Map;

/**
 * What the seeding made: the product this run uses, the vendor's credential and signing key, and a
 * device credential per tenant.
 *
 * @param signingKeyId the id under which the vendor registered {@code signer}'s public key
 * @param deviceKeys a DEVICE key for each tenant id
 */
record DemoWorld(
    String vendorId,
    String productId,
    String vendorKey,
    String signingKeyId,
    ReleaseSigner signer,
    Map<String, String> deviceKeys) {

  DemoWorld {
    deviceKeys = Map.copyOf(deviceKeys);
  }
}
