package dev.ringgate.release.api;

import dev.ringgate.release.SigningKeyService;
import dev.ringgate.security.CurrentCaller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A vendor's release-signing public keys. */
@Path("/api/v1/vendors/{vendorId}/signing-keys")
@Tag(name = "Vendor")
@SecurityRequirement(name = "bearer")
public class SigningKeyResource {
  private final SigningKeyService keys;
  private final CurrentCaller caller;

  SigningKeyResource(SigningKeyService keys, CurrentCaller caller) {
    this.keys = keys;
    this.caller = caller;
  }

  @PUT
  @Path("/{keyId}")
  @Operation(
      summary = "Register or replace a signing key",
      description = "publicKey is standard base64 of the raw 32-byte Ed25519 public key.")
  public SigningKeyView put(
      @PathParam("vendorId") String vendorId,
      @PathParam("keyId") String keyId,
      @Valid @NotNull SigningKeyRequest body) {
    return keys.put(caller.get(), vendorId, keyId, body);
  }

  @GET
  @Operation(summary = "List the vendor's signing keys")
  public List<SigningKeyView> list(@PathParam("vendorId") String vendorId) {
    return keys.list(caller.get(), vendorId);
  }
}
