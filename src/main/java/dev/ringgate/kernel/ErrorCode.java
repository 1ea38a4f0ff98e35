package dev.ringgate.kernel;

/**
 * Every error Ringgate answers with, by a stable key. The key is the last segment of the problem's
 * {@code type} URI ({@code https://ringgate.dev/problems/<key>}), so clients can switch on it.
 */
public enum ErrorCode {
  INVALID_REQUEST(400, "invalid-request", "The request is invalid"),
  MALFORMED_JSON(400, "malformed-json", "The request body is not valid JSON"),
  UNAUTHENTICATED(401, "unauthenticated", "Valid credentials are required"),
  FORBIDDEN(403, "forbidden", "The credential does not allow this"),
  NOT_FOUND(404, "not-found", "Not found"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
  NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
  CONFLICT(409, "conflict", "The request conflicts with the current state"),
  ALREADY_EXISTS(409, "already-exists", "A resource with this id already exists"),
  ILLEGAL_TRANSITION(409, "illegal-transition", "The action is not allowed in the current state"),
  PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
  URI_TOO_LONG(414, "uri-too-long", "The request URI is too long"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
  HEADERS_TOO_LARGE(431, "headers-too-large", "The request headers are too large"),
  BAD_SIGNATURE(422, "bad-signature", "The signature does not verify"),
  UNKNOWN_SIGNING_KEY(422, "unknown-signing-key", "The signing key is not registered"),
  UNPROCESSABLE(422, "unprocessable", "The request cannot be honoured"),
  TENANT_DEVICE_QUOTA(429, "tenant-device-quota", "The tenant's device quota is used up"),
  INTERNAL(500, "internal", "Internal error"),
  STORE_UNAVAILABLE(503, "store-unavailable", "The store is unavailable; try again later"),
  REGISTRY_FULL(503, "registry-full", "The device registry is full");

  private static final String TYPE_BASE = "https://ringgate.dev/problems/";

  private final int status;
  private final String key;
  private final String title;

  ErrorCode(int status, String key, String title) {
    this.status = status;
    this.key = key;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String key() {
    return key;
  }

  public String title() {
    return title;
  }

  public String type() {
    return TYPE_BASE + key;
  }
}
