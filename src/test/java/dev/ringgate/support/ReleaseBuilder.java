package dev.ringgate.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A release body, signed the way a vendor signs it: {@code aRelease("1.2.0").signedBy(...)}. */
public final class ReleaseBuilder {
  private final String productId;
  private String version = "1.0.0";
  private List<String> platforms = List.of("windows-x64");
  private String requires;
  private String url = "https://downloads.example.com/agent-1.0.0.msi";
  private String sha256 = "a".repeat(64);
  private long sizeBytes = 1_048_576;
  private String notes;
  private String keyId = "ci-2026";
  private Signer signer;
  private String signatureOverride;

  private ReleaseBuilder(String productId) {
    this.productId = productId;
  }

  public static ReleaseBuilder aRelease(String productId) {
    return new ReleaseBuilder(productId);
  }

  public ReleaseBuilder version(String value) {
    this.version = value;
    return this;
  }

  public ReleaseBuilder platforms(String... values) {
    this.platforms = List.of(values);
    return this;
  }

  public ReleaseBuilder requires(String agentRange) {
    this.requires = agentRange;
    return this;
  }

  public ReleaseBuilder sha256(String value) {
    this.sha256 = value;
    return this;
  }

  public ReleaseBuilder sizeBytes(long value) {
    this.sizeBytes = value;
    return this;
  }

  public ReleaseBuilder url(String value) {
    this.url = value;
    return this;
  }

  public ReleaseBuilder notes(String value) {
    this.notes = value;
    return this;
  }

  public ReleaseBuilder signedBy(Signer value, String key) {
    this.signer = value;
    this.keyId = key;
    return this;
  }

  /** Sends this signature value instead of a real one. */
  public ReleaseBuilder signature(String value) {
    this.signatureOverride = value;
    return this;
  }

  /** The signed object: absent optional fields are omitted, never null. */
  public Map<String, Object> signedObject() {
    Map<String, Object> signed = new LinkedHashMap<>();
    signed.put("productId", productId);
    signed.put("version", version);
    signed.put("platforms", new ArrayList<>(platforms));
    if (requires != null) {
      signed.put("requires", Map.of("agentVersion", requires));
    }
    signed.put("artifact", Map.of("url", url, "sha256", sha256, "sizeBytes", sizeBytes));
    return signed;
  }

  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>(signedObject());
    body.remove("productId");
    String value = signatureOverride != null ? signatureOverride : signer.sign(signedObject());
    body.put("signature", Map.of("keyId", keyId, "value", value));
    if (notes != null) {
      body.put("notes", notes);
    }
    return body;
  }
}
