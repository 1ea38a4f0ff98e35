package dev.ringgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * Seeds a running Ringgate for the HTTP benchmarks: a vendor with a signing key, a product whose
 * single ring is the whole fleet, a completed release 1.0.0, a tenant and a device key; with {@code
 * --rollout}, also 2.0.0 started. With {@code --canary} the plan has a 1 % canary before the whole
 * fleet, so while 2.0.0 is in its canary 99 % of the devices are the fleet control. Prints {@code
 * PRODUCT=... DEVICE_KEY=... TENANT=...} (and {@code ROLLOUT=...}) for the shell.
 *
 * <p>Usage: {@code java -cp ... dev.ringgate.bench.BenchSeed http://127.0.0.1:8080 <operator key>
 * [--rollout] [--canary]}
 */
public final class BenchSeed {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private BenchSeed() {}

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String operator = args[1];
    List<String> flags = Arrays.asList(args).subList(2, args.length);
    boolean canary = flags.contains("--canary");
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String vendor = "bench-vendor-" + suffix;
    String tenant = "bench-tenant-" + suffix;
    String product = "bench-product-" + suffix;
    call(base, operator, "POST", "/api/v1/vendors", Map.of("id", vendor, "name", "Bench"));
    call(base, operator, "POST", "/api/v1/tenants", Map.of("id", tenant, "name", "Bench"));
    String vendorKey =
        call(
                base,
                operator,
                "POST",
                "/api/v1/api-keys",
                Map.of("role", "VENDOR", "vendorId", vendor, "label", "bench"))
            .get("key")
            .asText();
    String deviceKey =
        call(
                base,
                operator,
                "POST",
                "/api/v1/api-keys",
                Map.of("role", "DEVICE", "tenantId", tenant, "label", "bench"))
            .get("key")
            .asText();
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] x509 = pair.getPublic().getEncoded();
    String publicKey =
        Base64.getEncoder().encodeToString(Arrays.copyOfRange(x509, x509.length - 32, x509.length));
    call(
        base,
        vendorKey,
        "PUT",
        "/api/v1/vendors/" + vendor + "/signing-keys/bench",
        Map.of("algorithm", "Ed25519", "publicKey", publicKey));
    call(
        base,
        vendorKey,
        "POST",
        "/api/v1/products",
        Map.of("id", product, "name", "Bench", "kind", "AGENT"));
    List<Map<String, Object>> rings =
        canary ? List.of(ring("canary", 100), ring("all", 10000)) : List.of(ring("all", 10000));
    call(
        base,
        vendorKey,
        "PUT",
        "/api/v1/products/" + product + "/ring-plan",
        Map.of("rings", rings));
    String first = publish(base, vendorKey, product, "1.0.0", pair);
    call(base, vendorKey, "POST", "/api/v1/rollouts/" + first + "/start", Map.of());
    for (int i = 0; i < rings.size(); i++) {
      call(base, vendorKey, "POST", "/api/v1/rollouts/" + first + "/promote", Map.of());
    }
    if (flags.contains("--rollout")) {
      // 2.0.0 in progress, so telemetry about it is counted by the health gate
      String second = publish(base, vendorKey, product, "2.0.0", pair);
      call(base, vendorKey, "POST", "/api/v1/rollouts/" + second + "/start", Map.of());
      System.out.println("ROLLOUT=" + second);
    }
    System.out.println("TENANT=" + tenant);
    System.out.println("PRODUCT=" + product);
    System.out.println("DEVICE_KEY=" + deviceKey);
  }

  private static Map<String, Object> ring(String name, int shareBp) {
    Map<String, Object> ring = new LinkedHashMap<>();
    ring.put("name", name);
    ring.put("shareBp", shareBp);
    ring.put("minBakeMinutes", 0);
    ring.put("minDevices", 0);
    ring.put("promotion", "MANUAL");
    ring.put("gate", Map.of("alpha", 0.01, "maxRateRatio", 2.0));
    return ring;
  }

  /** Publishes a signed release of the product; returns its rollout id. */
  private static String publish(
      String base, String vendorKey, String product, String version, KeyPair pair)
      throws Exception {
    Map<String, Object> signed = new LinkedHashMap<>();
    signed.put("productId", product);
    signed.put("version", version);
    signed.put("platforms", List.of("windows-x64"));
    signed.put(
        "artifact",
        Map.of(
            "url",
            "https://dl.example.com/bench-" + version + ".msi",
            "sha256",
            "c".repeat(64),
            "sizeBytes",
            52428800));
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(pair.getPrivate());
    signer.update(new JsonCanonicalizer(JSON.writeValueAsString(signed)).getEncodedUTF8());
    Map<String, Object> release = new LinkedHashMap<>(signed);
    release.remove("productId");
    release.put(
        "signature",
        Map.of("keyId", "bench", "value", Base64.getEncoder().encodeToString(signer.sign())));
    return call(base, vendorKey, "POST", "/api/v1/products/" + product + "/releases", release)
        .get("rolloutId")
        .asText();
  }

  private static JsonNode call(String base, String key, String method, String path, Object body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + path + " -> " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
