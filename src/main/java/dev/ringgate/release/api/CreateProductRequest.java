package dev.ringgate.release.api;

import dev.ringgate.kernel.Patterns;
import dev.ringgate.release.domain.ProductKind;
import dev.ringgate.release.domain.Versioning;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new product of the calling vendor. */
public record CreateProductRequest(
    @NotNull @Pattern(regexp = Patterns.ID, message = Patterns.ID_MESSAGE) String id,
    @NotBlank @Size(max = 200) String name,
    @NotNull ProductKind kind,
    @Schema(description = "Version ordering; SEMVER when absent.") Versioning versioning,
    @Size(max = 2000) String reason) {}
