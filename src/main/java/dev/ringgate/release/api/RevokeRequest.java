package dev.ringgate.release.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a release is revoked. */
public record RevokeRequest(@NotBlank @Size(max = 2000) String reason) {}
